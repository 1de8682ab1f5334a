import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { deskApi, queryKeys, type UpdateAppointmentBody, type WalkInBody } from '../../api/client';

/** One station's day (a lawyer: the station-days of their own duty, so no station is named). */
export function useDeskDay(stationId: number | null, date: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.deskDay(stationId, date),
    queryFn: () => deskApi.list({ stationId: stationId ?? undefined, date, pageSize: 200 }),
    enabled,
    // Workers arrive and book all day: keep the list fresh without a reload.
    refetchInterval: 60_000,
    staleTime: 10_000,
  });
}

export function useUpdateAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UpdateAppointmentBody }) => deskApi.update(id, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.deskAll }),
  });
}

export function useWalkIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WalkInBody) => deskApi.walkIn(body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.deskAll }),
  });
}
