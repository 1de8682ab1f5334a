import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { calendarFeedApi, queryKeys, shiftsApi } from '../../api/client';

/** One lawyer's published shifts in a range (at most 92 days, the server's limit). */
export function useLawyerShifts(lawyerId: number | null, range: { from: string; to: string } | null) {
  return useQuery({
    queryKey: [...queryKeys.shifts(range?.from ?? '', range?.to ?? ''), { lawyerId, status: 'published' }] as const,
    queryFn: () => shiftsApi.list({ from: range!.from, to: range!.to, lawyerId: lawyerId!, status: 'published' }),
    enabled: lawyerId !== null && range !== null,
    placeholderData: (prev) => prev,
  });
}

export function useCalendarToken(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.calendarToken, queryFn: calendarFeedApi.token, enabled, staleTime: Infinity });
}

export function useRotateCalendarToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: calendarFeedApi.rotate,
    onSuccess: (token) => queryClient.setQueryData(queryKeys.calendarToken, token),
  });
}
