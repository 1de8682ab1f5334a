/** Shared bits of the swap tests: a crew of lawyers with logins and a listening server. */
import type { Server } from 'node:http';
import request from 'supertest';
import type { TestApp } from '../../helpers/app.js';
import { UserEntity } from '../../../server/auth/users.entity.js';
import type { LawyerRow } from '../../../server/lawyers/lawyers.entity.js';
import type { StationRow } from '../../../server/stations/stations.entity.js';
import { NotificationEntity } from '../../../server/notifications/notifications.entity.js';
import { ShiftEntity } from '../../../server/rosters/rosters.entity.js';
import { AuditEntity } from '../../../server/audit/audit.entity.js';

export interface Member {
  lawyer: LawyerRow;
  token: string;
  userId: number;
}

/** A lawyer who can sign in. */
export async function member(t: TestApp, stationIds: number[], o: Partial<LawyerRow> = {}): Promise<Member> {
  const lawyer = await t.make.lawyer({ stationIds, ...o });
  const token = await t.tokenFor('lawyer', { lawyerId: lawyer.id });
  const user = await t.db.read((m) => m.findOneByOrFail(UserEntity, { lawyerId: lawyer.id }));
  return { lawyer, token, userId: user.id };
}

/** A station and `n` lawyers who serve it, each able to sign in. */
export async function crew(t: TestApp, n: number, station: Partial<StationRow> = {}): Promise<{ station: StationRow; members: Member[] }> {
  const s = await t.make.station(station);
  const members: Member[] = [];
  for (let i = 0; i < n; i++) members.push(await member(t, [s.id], { name: `律师${String.fromCharCode(65 + i)}${s.id}` }));
  return { station: s, members };
}

export const shiftRow = (t: TestApp, id: number) => t.db.read((m) => m.findOneByOrFail(ShiftEntity, { id }));

export const messagesTo = (t: TestApp, userId: number, kind?: string) =>
  t.db.read((m) => m.findBy(NotificationEntity, kind ? { recipientUserId: userId, kind } : { recipientUserId: userId }));

export const auditOf = (t: TestApp, swapId: number, action?: string) =>
  t.db.read((m) => m.findBy(AuditEntity, action ? { entity: 'swap', entityId: String(swapId), action } : { entity: 'swap', entityId: String(swapId) }));

/** One listening server, so a burst of requests really runs side by side (on MySQL, on pooled connections). */
export async function listen(t: TestApp): Promise<{ http: ReturnType<typeof request>; close: () => Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const s = t.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { http: request(server), close: () => new Promise((resolve) => server.close(() => resolve())) };
}
