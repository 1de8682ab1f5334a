import { useEffect, useRef } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notificationsApi, queryKeys, type InAppMessage, type MessagePage } from '../../api/client';

const LIST_SIZE = 20;

/**
 * My unread count, asked every minute and whenever the window gets focus. When it goes
 * up, something happened (a swap offered, accepted, applied…): the message list and the
 * swap lists are refreshed too.
 */
export function useUnreadCount() {
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: queryKeys.unreadCount,
    queryFn: ({ signal }) => notificationsApi.unreadCount(signal),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
  const count = q.data?.count ?? 0;
  const previous = useRef<number | null>(null);
  useEffect(() => {
    if (q.data === undefined) return;
    if (previous.current !== null && count > previous.current) {
      void queryClient.invalidateQueries({ queryKey: queryKeys.notificationList });
      void queryClient.invalidateQueries({ queryKey: queryKeys.swapsAll });
    }
    previous.current = count;
  }, [count, q.data, queryClient]);
  return count;
}

export function useMessages(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.notificationList,
    queryFn: () => notificationsApi.list({ pageSize: LIST_SIZE }),
    enabled,
    staleTime: 0,
  });
}

/** Marks one message read; the list shows it at once, the count follows from the server. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => notificationsApi.markRead(id),
    onSuccess: (msg: InAppMessage) => {
      queryClient.setQueryData<MessagePage>(queryKeys.notificationList, (page) =>
        page ? { ...page, items: page.items.map((m) => (m.id === msg.id ? msg : m)) } : page,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.unreadCount });
    },
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => notificationsApi.markAllRead(),
    onSuccess: () => {
      const at = new Date().toISOString();
      queryClient.setQueryData<MessagePage>(queryKeys.notificationList, (page) =>
        page ? { ...page, items: page.items.map((m) => (m.readAt ? m : { ...m, readAt: at })) } : page,
      );
      queryClient.setQueryData(queryKeys.unreadCount, { count: 0 });
      void queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
    },
  });
}
