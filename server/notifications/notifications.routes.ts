import { defineRoute, type AnyRoute } from '../http/routes.js';
import { idParams } from '../http/schemas.js';
import { inAppMessageSchema, messageListQuery, messagePageSchema, readAllSchema, unreadCountSchema } from './notifications.schema.js';
import type { NotificationsService } from './notifications.service.js';

export function notificationRoutes(notifications: NotificationsService): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/notifications',
      summary: 'My in-app messages, newest first (unread=1: unread only)',
      tags: ['notifications'],
      access: 'signedIn',
      query: messageListQuery,
      response: messagePageSchema,
      handler: ({ query, user }) => notifications.list(user!, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/notifications/unread-count',
      summary: 'How many of my in-app messages are unread',
      tags: ['notifications'],
      access: 'signedIn',
      response: unreadCountSchema,
      handler: ({ user }) => notifications.unreadCount(user!),
    }),
    defineRoute({
      method: 'post',
      path: '/api/notifications/read-all',
      summary: 'Mark all my in-app messages read',
      tags: ['notifications'],
      access: 'signedIn',
      response: readAllSchema,
      handler: ({ user }) => notifications.markAllRead(user!),
    }),
    defineRoute({
      method: 'post',
      path: '/api/notifications/:id/read',
      summary: 'Mark one of my in-app messages read',
      tags: ['notifications'],
      access: 'signedIn',
      params: idParams,
      response: inAppMessageSchema,
      handler: ({ params, user }) => notifications.markRead(user!, params.id),
    }),
  ];
}
