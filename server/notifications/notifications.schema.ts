import { z } from 'zod';
import { pageOf, pageQuery } from '../http/schemas.js';

export const inAppMessageSchema = z
  .object({
    id: z.number().int(),
    kind: z.string().meta({ description: 'e.g. roster_published, swap_requested, swap_offer, swap_accepted, swap_awaiting_approval, swap_applied, swap_rejected, swap_declined' }),
    title: z.string().meta({ description: "in the reader's language (their `lang`) where the message can be written in it, else as it was written" }),
    body: z.string(),
    payload: z.record(z.string(), z.unknown()).meta({
      description:
        'ids to link to, e.g. {swapId, shiftId, date}; `lang`: the language title and body are in (zh, en); and `text`: {key, params}, the message as data, from which a client may show it in another language',
    }),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'InAppMessage' });
export type InAppMessage = z.infer<typeof inAppMessageSchema>;

export const messagePageSchema = pageOf(inAppMessageSchema).meta({ id: 'InAppMessagePage' });
export type MessagePage = z.infer<typeof messagePageSchema>;

export const messageListQuery = z.strictObject({
  ...pageQuery,
  unread: z
    .enum(['0', '1', 'true', 'false'])
    .transform((v) => v === '1' || v === 'true')
    .optional()
    .meta({ description: '1: unread messages only' }),
});

export const unreadCountSchema = z.object({ count: z.number().int() }).meta({ id: 'UnreadCount' });
export const readAllSchema = z.object({ updated: z.number().int() }).meta({ id: 'ReadAllResult' });
