import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  queryKeys,
  rostersApi,
  rotationsApi,
  shiftsApi,
  type CreateRotationBody,
  type CreateShiftBody,
  type Rotation,
} from '../../api/client';

/** Everything a roster change can alter: the month's roster, the shift lists and the coverage calendar. */
export function invalidateDuty(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.rosterAll }),
    queryClient.invalidateQueries({ queryKey: queryKeys.shiftsAll }),
    queryClient.invalidateQueries({ queryKey: queryKeys.coverageAll }),
  ]);
}

/** `enabled`: false until the stations are known (with many districts, only the district in view is asked for). */
export function useRoster(month: string, district?: number, enabled = true) {
  return useQuery({
    queryKey: queryKeys.roster(month, district),
    queryFn: () => rostersApi.get(month, district),
    enabled,
    placeholderData: (prev) => (prev?.month === month ? prev : undefined),
  });
}

export function useRotations() {
  return useQuery({ queryKey: queryKeys.rotations, queryFn: () => rotationsApi.list(), staleTime: 30_000 });
}

/** Every shift on one day, across stations (drafts included for coordinators). */
export function useDayShifts(date: string) {
  return useQuery({
    queryKey: queryKeys.shifts(date, date),
    queryFn: () => shiftsApi.list({ from: date, to: date }),
  });
}

export function useGenerate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rostersApi.generate,
    onSettled: () => invalidateDuty(queryClient),
  });
}

export function usePublish() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ month, stationIds }: { month: string; stationIds?: number[] }) => rostersApi.publish(month, stationIds),
    onSettled: () => invalidateDuty(queryClient),
  });
}

export function useReassignShift() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, lawyerId, reason }: { id: number; lawyerId: number; reason?: string }) =>
      shiftsApi.reassign(id, lawyerId, reason),
    onSuccess: () => invalidateDuty(queryClient),
  });
}

export function useCreateShift() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateShiftBody) => shiftsApi.create(body),
    onSuccess: () => invalidateDuty(queryClient),
  });
}

export function useRemoveShift() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => shiftsApi.remove(id),
    onSuccess: () => invalidateDuty(queryClient),
  });
}

export function useSaveRotation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: CreateRotationBody }): Promise<Rotation> =>
      id === null ? rotationsApi.create(body) : rotationsApi.update(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.rotations }),
  });
}

export function useRemoveRotation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => rotationsApi.remove(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.rotations }),
  });
}
