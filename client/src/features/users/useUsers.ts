import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { updateUserBody, UserAccount } from '../../../../server/auth/auth.schema';
import { apiFetch, queryKeys } from '../../api/client';

export type { UserAccount };
export type UpdateUserBody = z.input<typeof updateUserBody>;

// The accounts admins manage (GET/PATCH /api/users); types come from the server's schemas.
// These belong beside authApi in api/client.ts; they live here until that file is free to change.
export const usersApi = {
  list: () => apiFetch<UserAccount[]>('/api/users'),
  update: (id: number, body: UpdateUserBody) => apiFetch<UserAccount>(`/api/users/${id}`, { method: 'PATCH', body }),
};

export function useUserAccounts() {
  return useQuery({ queryKey: queryKeys.users, queryFn: usersApi.list });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UpdateUserBody }) => usersApi.update(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}
