import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { bookingsApi, isApiError, queryKeys, stationsApi, type BookingBody, type CodeAndPhone, type WaitlistBody } from '../../api/client';
import { bookingWindow } from './bookingModel';

/** Stations change rarely; a worker going back and forth should not wait for them again. */
export function usePublicStations() {
  return useQuery({ queryKey: queryKeys.stations(false), queryFn: () => stationsApi.list(), staleTime: 10 * 60_000 });
}

export function useStationByCode(code: string | undefined) {
  return useQuery({
    queryKey: queryKeys.stationByCode(code ?? ''),
    queryFn: () => bookingsApi.stationByCode(code!),
    enabled: !!code,
    staleTime: 10 * 60_000,
    retry: (count, err) => !isApiError(err) && count < 2,
  });
}

export function useAvailability(stationId: number | undefined, today: string) {
  const { from, to } = bookingWindow(today);
  return useQuery({
    queryKey: queryKeys.availability(stationId ?? 0, from, to),
    queryFn: () => bookingsApi.availability(stationId!, from, to),
    enabled: stationId !== undefined,
    staleTime: 15_000,
  });
}

export function useDaySlots(stationId: number | undefined, date: string | undefined) {
  return useQuery({
    queryKey: queryKeys.slots(stationId ?? 0, date ?? ''),
    queryFn: () => bookingsApi.slots(stationId!, date!),
    enabled: stationId !== undefined && !!date,
    staleTime: 10_000,
  });
}

/** After any change to seats, the day and time pickers ask again. */
function useRefreshSeats() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.availabilityAll }),
      queryClient.invalidateQueries({ queryKey: queryKeys.slotsAll }),
    ]);
}

export function useBook() {
  const refresh = useRefreshSeats();
  return useMutation({
    mutationFn: ({ body, key }: { body: BookingBody; key: string }) => bookingsApi.book(body, key),
    onSettled: refresh,
  });
}

export function useJoinWaitlist() {
  const refresh = useRefreshSeats();
  return useMutation({ mutationFn: (body: WaitlistBody) => bookingsApi.joinWaitlist(body), onSettled: refresh });
}

export function useLookup() {
  return useMutation({ mutationFn: (q: CodeAndPhone) => bookingsApi.lookup(q) });
}

export function useClaimWaitlist() {
  const refresh = useRefreshSeats();
  return useMutation({ mutationFn: (q: CodeAndPhone) => bookingsApi.claimWaitlist(q), onSettled: refresh });
}

export function useCancelBooking() {
  const refresh = useRefreshSeats();
  return useMutation({ mutationFn: (q: CodeAndPhone) => bookingsApi.cancel(q), onSettled: refresh });
}

export function useReschedule() {
  const refresh = useRefreshSeats();
  return useMutation({
    mutationFn: (q: CodeAndPhone & { start: string }) => bookingsApi.reschedule(q),
    onSettled: refresh,
  });
}
