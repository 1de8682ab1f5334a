import { EntitySchema } from 'typeorm';
import { boolInt, idColumn } from '../db/columns.js';
import type { Lang } from '../http/messages.js';

export const ROLES = ['admin', 'coordinator', 'lawyer', 'staff'] as const;
export type Role = (typeof ROLES)[number];

export interface UserRow {
  id: number;
  username: string;
  passwordHash: string;
  role: Role;
  displayName: string;
  lawyerId: number | null;
  stationId: number | null;
  calendarToken: string | null;
  /** Where e-mail notifications go (optional). */
  email?: string | null;
  /** The language their notifications (e-mail and the bell) are written in. */
  lang: Lang;
  active: boolean;
  createdAt: Date;
}

export const UserEntity = new EntitySchema<UserRow>({
  name: 'User',
  tableName: 'users',
  columns: {
    id: idColumn,
    username: { type: 'varchar', length: 64 },
    passwordHash: { type: 'varchar', length: 255, name: 'password_hash' },
    role: { type: 'varchar', length: 16 },
    displayName: { type: 'varchar', length: 50, name: 'display_name' },
    lawyerId: { type: 'integer', name: 'lawyer_id', nullable: true },
    stationId: { type: 'integer', name: 'station_id', nullable: true },
    calendarToken: { type: 'varchar', length: 64, name: 'calendar_token', nullable: true },
    email: { type: 'varchar', length: 200, nullable: true },
    lang: { type: 'varchar', length: 2, default: 'zh' },
    active: { type: 'integer', transformer: boolInt },
    createdAt: { type: 'datetime', name: 'created_at' },
  },
});

export interface SessionRow {
  id: number;
  tokenHash: string;
  userId: number;
  expiresAt: Date;
  createdAt: Date;
}

export const SessionEntity = new EntitySchema<SessionRow>({
  name: 'Session',
  tableName: 'sessions',
  columns: {
    id: idColumn,
    tokenHash: { type: 'varchar', length: 64, name: 'token_hash' },
    userId: { type: 'integer', name: 'user_id' },
    expiresAt: { type: 'datetime', name: 'expires_at' },
    createdAt: { type: 'datetime', name: 'created_at' },
  },
});
