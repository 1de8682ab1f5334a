import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  bookingsApi,
  hotlineApi,
  queryKeys,
  referralsApi,
  type BookFromCallBody,
  type CallFilter,
  type CloseReferralBody,
  type CreateCallBody,
  type CreateReferralBody,
  type FollowUpBody,
  type ReferralStatus,
  type UpdateCallBody,
} from '../../api/client';
import { addDays } from '../../lib/dates';
import { rememberBooking } from './linkedBookings';

export const PAGE_SIZE = 20;

/** A call changes the log, the call-back queue and the figures. */
export function invalidateCalls(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.hotlineAll }),
    queryClient.invalidateQueries({ queryKey: queryKeys.followUpsAll }),
    queryClient.invalidateQueries({ queryKey: queryKeys.statsAll }),
  ]);
}

export function useCalls(filter: CallFilter, page: number) {
  return useQuery({
    queryKey: queryKeys.hotlineCalls(filter, page),
    queryFn: () => hotlineApi.list({ ...filter, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateCall() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCallBody) => hotlineApi.create(body),
    onSuccess: () => invalidateCalls(queryClient),
  });
}

export function useUpdateCall() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UpdateCallBody }) => hotlineApi.update(id, body),
    onSuccess: () => invalidateCalls(queryClient),
  });
}

/** Which of the next two weeks' days a station can be booked (the public availability). */
export function useOpenDays(stationId: number | undefined, today: string) {
  const to = addDays(today, 13);
  return useQuery({
    queryKey: queryKeys.availability(stationId ?? 0, today, to),
    queryFn: () => bookingsApi.availability(stationId!, today, to),
    enabled: stationId !== undefined,
    staleTime: 60_000,
  });
}

export function useSlots(stationId: number | undefined, date: string) {
  return useQuery({
    queryKey: queryKeys.slots(stationId ?? 0, date),
    queryFn: () => hotlineApi.slots(stationId!, date),
    enabled: stationId !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(date),
  });
}

export function useBookForCaller() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: BookFromCallBody }) => hotlineApi.book(id, body),
    onSuccess: (res) => {
      rememberBooking(res.appointment);
      void queryClient.invalidateQueries({ queryKey: ['slots'] });
      return invalidateCalls(queryClient);
    },
  });
}

export function useFollowUps(stationId: number | undefined, due: 'today' | 'overdue' | 'all') {
  return useQuery({
    queryKey: queryKeys.followUps(stationId, due),
    queryFn: () => hotlineApi.followUps({ stationId, due, pageSize: 100 }),
  });
}

export function useRecordFollowUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: FollowUpBody }) => hotlineApi.recordFollowUp(id, body),
    onSuccess: () => invalidateCalls(queryClient),
  });
}

export interface ReferralQuery {
  stationId?: number;
  direction: 'incoming' | 'outgoing';
  status?: ReferralStatus;
  page: number;
}

export function useReferrals(q: ReferralQuery) {
  return useQuery({
    queryKey: queryKeys.referrals(q),
    queryFn: () => referralsApi.list({ ...q, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
}

export function useReferralPath(id: number | null) {
  return useQuery({
    queryKey: queryKeys.referralPath(id ?? 0),
    queryFn: () => referralsApi.path(id!),
    enabled: id !== null,
  });
}

function useReferralMutation<V>(fn: (v: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.referralsAll }),
        queryClient.invalidateQueries({ queryKey: queryKeys.statsAll }),
      ]),
  });
}

export const useCreateReferral = () => useReferralMutation((body: CreateReferralBody) => referralsApi.create(body));
export const useAcceptReferral = () => useReferralMutation((id: number) => referralsApi.accept(id));
export const useCloseReferral = () =>
  useReferralMutation(({ id, body }: { id: number; body: CloseReferralBody }) => referralsApi.close(id, body));
