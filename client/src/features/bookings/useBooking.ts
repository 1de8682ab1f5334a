import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { bookingsApi, isApiError, queryKeys, stationsApi, type BookingBody, type CodeAndPhone, type WaitlistBody } from '../../api/client';
import { bookingWindow } from './bookingModel';

/** Stations change rarely; a worker going back and forth should not wait for them again. */
export function usePublicStations() {
  return useQuery({ queryKey: queryKeys.stations(false), queryFn: () => stationsApi.list(), staleTime: 10 * 60_000 });
}

/**
 * The booking page's station list. A network of one district (the usual case) lists all its
 * stations; one of many districts — a city on one deployment — first lists the district
 * stations, then the chosen district's stations only, so a worker's phone is never sent the
 * whole city. `area`: the chosen district's id.
 */
export function useBookableStations(area: number | undefined) {
  const districts = useQuery({
    queryKey: queryKeys.publicStations('districts'),
    queryFn: () => stationsApi.list({ level: 'district' }),
    staleTime: 10 * 60_000,
  });
  const many = (districts.data?.length ?? 0) > 1;
  const scope = !districts.isSuccess ? null : !many ? 'all' : area ?? null;
  const stations = useQuery({
    queryKey: queryKeys.publicStations(scope ?? 'all'),
    queryFn: () => stationsApi.list(typeof scope === 'number' ? { under: scope } : {}),
    enabled: scope !== null,
    staleTime: 10 * 60_000,
  });
  return { districts, many, stations, needsDistrict: districts.isSuccess && many && area === undefined };
}

/** One station by id (public), for a link or a result that names it. */
export function usePublicStation(id: number | undefined) {
  return useQuery({
    queryKey: queryKeys.publicStation(id ?? 0),
    queryFn: () => stationsApi.get(id!),
    enabled: id !== undefined,
    staleTime: 10 * 60_000,
    retry: (count, err) => !isApiError(err) && count < 2,
  });
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
