import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { calendarApi, queryKeys, type CreateCalendarDayBody } from '../../api/client';

/** Every calendar day of the period (national and local); the page shows the local ones. */
export function useCalendarPeriod(from: string, to: string) {
  return useQuery({
    queryKey: queryKeys.calendarDays(from, to),
    queryFn: () => calendarApi.days(from, to),
    enabled: from !== '' && to !== '' && from <= to,
    placeholderData: (prev) => prev,
  });
}

/** A local day changes what is open: the calendars, coverage, rosters, slots and the desk (bookings may be cancelled). */
function refreshAfterChange(queryClient: QueryClient) {
  for (const queryKey of [
    queryKeys.calendarDaysAll,
    queryKeys.coverageAll,
    queryKeys.rosterAll,
    queryKeys.slotsAll,
    queryKeys.availabilityAll,
    queryKeys.deskAll,
  ]) {
    void queryClient.invalidateQueries({ queryKey });
  }
}

export function useAddLocalDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCalendarDayBody) => calendarApi.addDay(body),
    onSuccess: () => refreshAfterChange(queryClient),
  });
}

export function useRemoveLocalDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, cancelBookings }: { id: number; cancelBookings?: boolean }) => calendarApi.removeDay(id, { cancelBookings }),
    onSuccess: () => refreshAfterChange(queryClient),
  });
}
