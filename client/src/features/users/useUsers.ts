import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys, usersApi, type CreateUserBody, type UpdateUserBody, type UserAccount } from '../../api/client';

export type { UserAccount };

// The accounts admins manage (GET/POST/PATCH /api/users).
export function useUserAccounts() {
  return useQuery({ queryKey: queryKeys.users, queryFn: usersApi.list });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => usersApi.create(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UpdateUserBody }) => usersApi.update(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}
