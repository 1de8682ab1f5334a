/** Shared bits of the swap tests: a crew of lawyers with logins, a listening server, and a small iCalendar reader. */
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

export interface IcsProperty {
  name: string;
  params: Record<string, string>;
  value: string;
}

export interface IcsEvent {
  props: IcsProperty[];
  get(name: string): IcsProperty | undefined;
}

/**
 * A small RFC 5545 reader for tests (no parser package is installed): unfolds lines
 * (CRLF followed by a space or tab continues the previous line), splits name;params:value,
 * and collects VEVENT blocks. Text values are unescaped (\\n, \\, \\; \\\\).
 */
export function parseIcs(text: string): { lines: string[]; calendar: IcsProperty[]; events: IcsEvent[] } {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n').filter((l) => l.length > 0);
  const parse = (line: string): IcsProperty => {
    const colon = line.search(/:(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    const head = line.slice(0, colon);
    const [name, ...rawParams] = head.split(';');
    const params = Object.fromEntries(rawParams.map((p) => p.split('=') as [string, string]));
    const value = line
      .slice(colon + 1)
      .replace(/\\n/gi, '\n')
      .replace(/\\([,;\\])/g, '$1');
    return { name: name!.toUpperCase(), params, value };
  };
  const calendar: IcsProperty[] = [];
  const events: IcsEvent[] = [];
  let current: IcsProperty[] | null = null;
  let depth = 0;
  for (const line of lines) {
    const p = parse(line);
    if (p.name === 'BEGIN') {
      depth++;
      if (p.value === 'VEVENT') current = [];
      continue;
    }
    if (p.name === 'END') {
      depth--;
      if (p.value === 'VEVENT' && current) {
        const props = current;
        events.push({ props, get: (n) => props.find((x) => x.name === n) });
        current = null;
      }
      continue;
    }
    if (current) current.push(p);
    else if (depth === 1) calendar.push(p);
  }
  return { lines, calendar, events };
}
