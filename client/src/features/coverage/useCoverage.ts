import { useQuery } from '@tanstack/react-query';
import { calendarApi, isApiError, queryKeys } from '../../api/client';

export interface DateRange {
  from: string;
  to: string;
}

/** Coverage of the visible range. A 404 means the roster feature is not deployed yet: not retried. */
export function useCoverage(range: DateRange | null, district?: number) {
  return useQuery({
    queryKey: queryKeys.coverage(range?.from ?? '', range?.to ?? '', district),
    queryFn: () => calendarApi.coverage(range!.from, range!.to, district),
    enabled: range !== null,
    retry: (count, err) => !isApiError(err, 404) && !isApiError(err, 403) && count < 2,
    placeholderData: (prev) => prev,
  });
}

/** National holidays, make-up working days and local days of the visible range. */
export function useCalendarDays(range: DateRange | null) {
  return useQuery({
    queryKey: queryKeys.calendarDays(range?.from ?? '', range?.to ?? ''),
    queryFn: () => calendarApi.days(range!.from, range!.to),
    enabled: range !== null,
    staleTime: 10 * 60_000,
    placeholderData: (prev) => prev,
  });
}
