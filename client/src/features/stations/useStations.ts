import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys, stationsApi, type CreateStationBody, type Station } from '../../api/client';

export function useStations(includeInactive = false) {
  return useQuery({
    queryKey: queryKeys.stations(includeInactive),
    queryFn: () => stationsApi.list({ includeInactive }),
    staleTime: 60_000,
  });
}

/** Creates (no id) or updates (id) a station; every station list is refreshed after. */
export function useSaveStation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: CreateStationBody }): Promise<Station> =>
      id === null ? stationsApi.create(body) : stationsApi.update(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.stationsAll }),
  });
}
