import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  lawyersApi,
  queryKeys,
  type CreateLawyerBody,
  type CreateUnavailabilityBody,
  type Lawyer,
} from '../../api/client';

export function useLawyers(includeInactive = false) {
  return useQuery({
    queryKey: queryKeys.lawyers(includeInactive),
    queryFn: () => lawyersApi.list({ includeInactive }),
    staleTime: 60_000,
  });
}

export function useSaveLawyer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: CreateLawyerBody }): Promise<Lawyer> =>
      id === null ? lawyersApi.create(body) : lawyersApi.update(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.lawyersAll }),
  });
}

export function useUnavailability(lawyerId: number) {
  return useQuery({
    queryKey: queryKeys.unavailability(lawyerId),
    queryFn: () => lawyersApi.listUnavailability(lawyerId),
  });
}

export function useAddUnavailability(lawyerId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUnavailabilityBody) => lawyersApi.addUnavailability(lawyerId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.unavailability(lawyerId) }),
  });
}

export function useRemoveUnavailability(lawyerId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => lawyersApi.removeUnavailability(lawyerId, id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.unavailability(lawyerId) }),
  });
}
