import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { queryKeys, swapsApi, type CreateSwapBody, type SwapListQuery } from '../../api/client';
import { invalidateDuty } from '../roster/useRoster';

/** A swap changes the swap lists, maybe the duty (shifts, coverage, roster) and the messages. */
export function invalidateSwaps(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.swapsAll }),
    queryClient.invalidateQueries({ queryKey: queryKeys.notifications }),
    invalidateDuty(queryClient),
  ]);
}

export function useSwapList(q: SwapListQuery, opts: { enabled?: boolean; refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: queryKeys.swaps(q),
    queryFn: () => swapsApi.list(q),
    enabled: opts.enabled ?? true,
    refetchInterval: opts.refetchInterval,
    placeholderData: (prev) => prev,
  });
}

/** How many accepted swaps wait for a coordinator (the nav badge); checked every minute and on focus. */
export function useAwaitingApprovalCount(enabled: boolean) {
  const q = useQuery({
    queryKey: queryKeys.swaps({ status: 'accepted', pageSize: 1 }),
    queryFn: () => swapsApi.list({ status: 'accepted', pageSize: 1 }),
    enabled,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
  return q.data?.total ?? 0;
}

export function useSwapCandidates(shiftId: number | null) {
  return useQuery({
    queryKey: queryKeys.swapCandidates(shiftId ?? 0),
    queryFn: () => swapsApi.candidates(shiftId!),
    enabled: shiftId !== null,
    staleTime: 0,
  });
}

export function useCreateSwap() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSwapBody) => swapsApi.create(body),
    // Not awaited: the refreshed lists may unmount the caller, whose own onSuccess must still run.
    onSuccess: () => void invalidateSwaps(queryClient),
  });
}

export type SwapAction = 'accept' | 'decline' | 'approve' | 'reject' | 'cancel';

/** One of accept / decline / approve / reject / cancel; the lists are refreshed whatever the answer (a 409 means they were stale). */
export function useSwapAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, note }: { id: number; action: SwapAction; note?: string }) => swapsApi[action](id, note),
    // Not awaited, so the caller's onSuccess runs before the refreshed list drops the swap it was about.
    onSettled: () => void invalidateSwaps(queryClient),
  });
}
