import { EntitySchema } from 'typeorm';
import { idColumn, jsonText } from '../db/columns.js';

export type Channel = 'in_app' | 'sms' | 'email';
export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dead';

export interface NotificationRow {
  id: number;
  channel: Channel;
  kind: string;
  recipientUserId: number | null;
  recipientPhone: string | null;
  recipientEmail: string | null;
  title: string;
  body: string;
  payload: Record<string, unknown> | null;
  status: NotificationStatus;
  attempts: number;
  nextAttemptAt: Date;
  claimedBy: string | null;
  claimedUntil: Date | null;
  sentAt: Date | null;
  readAt: Date | null;
  lastError: string | null;
  dedupeKey: string | null;
  createdAt: Date;
}

export const NotificationEntity = new EntitySchema<NotificationRow>({
  name: 'Notification',
  tableName: 'notifications',
  columns: {
    id: idColumn,
    channel: { type: 'varchar', length: 16 },
    kind: { type: 'varchar', length: 48 },
    recipientUserId: { type: 'integer', name: 'recipient_user_id', nullable: true },
    recipientPhone: { type: 'varchar', length: 20, name: 'recipient_phone', nullable: true },
    recipientEmail: { type: 'varchar', length: 200, name: 'recipient_email', nullable: true },
    title: { type: 'varchar', length: 200 },
    body: { type: 'text' },
    payload: { type: 'text', nullable: true, transformer: jsonText },
    status: { type: 'varchar', length: 16 },
    attempts: { type: 'integer' },
    nextAttemptAt: { type: 'datetime', name: 'next_attempt_at' },
    claimedBy: { type: 'varchar', length: 64, name: 'claimed_by', nullable: true },
    claimedUntil: { type: 'datetime', name: 'claimed_until', nullable: true },
    sentAt: { type: 'datetime', name: 'sent_at', nullable: true },
    readAt: { type: 'datetime', name: 'read_at', nullable: true },
    lastError: { type: 'varchar', length: 300, name: 'last_error', nullable: true },
    dedupeKey: { type: 'varchar', length: 128, name: 'dedupe_key', nullable: true },
    createdAt: { type: 'datetime', name: 'created_at' },
  },
});
