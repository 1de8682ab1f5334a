import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { privacyApi, queryKeys, type EraseSubjectBody } from '../../api/client';

/**
 * Every record holding `phone` (null: nothing asked yet). Each fetch is a look-up in the
 * audit log, so it runs only when staff search (never on focus or remount), and the answer
 * leaves the cache as soon as the page is closed.
 */
export function useSubject(phone: string | null) {
  return useQuery({
    queryKey: queryKeys.privacySubject(phone ?? ''),
    queryFn: () => privacyApi.subject(phone!),
    enabled: phone !== null,
    staleTime: Infinity,
    gcTime: 0,
    refetchOnMount: false,
    refetchOnReconnect: false,
    retry: false,
  });
}

/** Erasure renames people in the desk's lists, the hotline log and referrals. */
function invalidateWorkerLists(queryClient: QueryClient) {
  return Promise.all(
    [queryKeys.hotlineAll, queryKeys.followUpsAll, queryKeys.referralsAll, queryKeys.deskAll].map((queryKey) =>
      queryClient.invalidateQueries({ queryKey }),
    ),
  );
}

export function useErase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EraseSubjectBody) => privacyApi.erase(body),
    onSuccess: () => invalidateWorkerLists(queryClient),
  });
}

type CountKind = 'appointments' | 'waitlist' | 'hotlineCalls' | 'followUps' | 'referrals' | 'notifications' | 'mentions';
const COUNT_KINDS: readonly CountKind[] = ['appointments', 'waitlist', 'hotlineCalls', 'followUps', 'referrals', 'notifications', 'mentions'];

/** `预约 1 条、热线来电 2 条`: the kinds that have any, in words. */
export function useCountList(): (counts: Partial<Record<CountKind, number>>) => string {
  const { t } = useTranslation();
  return (counts) =>
    COUNT_KINDS.filter((k) => (counts[k] ?? 0) > 0)
      .map((k) => t(`privacy.countParts.${k}`, { count: counts[k] }))
      .join(t('privacy.listSeparator'));
}
