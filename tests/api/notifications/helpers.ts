/** Shared bits of the notification tests: users with an e-mail address, recording senders, a real SMTP server. */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { TestApp } from '../../helpers/app.js';
import { UserEntity } from '../../../server/auth/users.entity.js';
import { notifyUser, type UserMessage } from '../../../server/notifications/fanout.js';
import { NotificationEntity, type Channel, type NotificationRow } from '../../../server/notifications/notifications.entity.js';
import type { Sender } from '../../../server/notifications/senders.js';

/** Give a user an e-mail address (the factories make users without one). */
export const setEmail = (t: TestApp, userId: number, email: string | null) => t.db.tx((m) => m.update(UserEntity, { id: userId }, { email }));

/** A fresh user with an e-mail address. */
export async function userWithEmail(t: TestApp, email: string, role: 'lawyer' | 'coordinator' | 'staff' = 'staff') {
  const u = await t.make.user({ role });
  await setEmail(t, u.id, email);
  return { ...u, email };
}

/** notifyUser for a fresh user with an address; returns the e-mail outbox row. */
export async function emailRow(t: TestApp, email: string, msg: Partial<UserMessage> = {}): Promise<NotificationRow> {
  const u = await userWithEmail(t, email);
  await t.db.tx((m) =>
    notifyUser(m, t.clock, u, { kind: 'test_message', text: { key: 'shift_gained', params: { date: '2027-01-04', station: `测试站 ${email}` } }, ...msg }),
  );
  return t.db.read((m) => m.findOneByOrFail(NotificationEntity, { recipientUserId: u.id, channel: 'email' }));
}

export const rowById = (t: TestApp, id: number) => t.db.read((m) => m.findOneByOrFail(NotificationEntity, { id }));

export const rowsOf = (t: TestApp, userId: number, channel?: Channel) =>
  t.db.read((m) => m.find(NotificationEntity, { where: channel ? { recipientUserId: userId, channel } : { recipientUserId: userId }, order: { id: 'ASC' } }));

/**
 * An e-mail sender that records every call; `down` makes it throw like an unreachable SMTP
 * server, `delayMs` makes sends slow enough for two deliveries to overlap.
 */
export function recordingSender(opts: { delayMs?: number } = {}): Sender & { calls: number[]; down: boolean } {
  const s = {
    channel: 'email' as const,
    calls: [] as number[],
    down: false,
    async send(n: NotificationRow) {
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      s.calls.push(n.id);
      if (s.down) throw new Error('connect ECONNREFUSED 127.0.0.1:25 (test: the mail server is down)');
    },
  };
  return s;
}

/** How often each id occurs. */
export const tally = (ids: number[]) => ids.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<number, number>());

// ---- a real SMTP server --------------------------------------------------

export interface ReceivedMail {
  mailFrom: string;
  rcptTo: string[];
  headers: Map<string, string>;
  /** Decoded header values (RFC 2047 words decoded). */
  subject: string;
  from: string;
  to: string;
  text: string;
  raw: string;
}

export interface TestSmtp {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** While set, every recipient is refused with this temporary (4xx) failure. */
  refuse: string | null;
  close(): Promise<void>;
}

/** An SMTP server on 127.0.0.1 on a free port (no TLS, no auth needed) that keeps what it receives. */
export async function startSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const state: TestSmtp = { port: 0, url: '', received, refuse: null, close: async () => undefined };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (state.refuse) return callback(Object.assign(new Error(state.refuse), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        received.push({ ...parseMail(raw), mailFrom, rcptTo: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  state.port = (server.server.address() as AddressInfo).port;
  state.url = `smtp://127.0.0.1:${state.port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

/** Decode RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=); adjacent words are joined before decoding. */
export function decodeWords(value: string): string {
  return value.replace(/=\?[^?]+\?[BbQq]\?[^?]*\?=(?:\s+=\?[^?]+\?[BbQq]\?[^?]*\?=)*/g, (run) => {
    const bytes = [...run.matchAll(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g)].map(([, , enc, data]) =>
      enc!.toUpperCase() === 'B'
        ? Buffer.from(data!, 'base64')
        : Buffer.from(data!.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1'),
    );
    return Buffer.concat(bytes).toString('utf8');
  });
}

function decodeQuotedPrintable(s: string): string {
  const latin = s.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(latin, 'latin1').toString('utf8');
}

/** A small reader for the single-part text messages the app sends. */
export function parseMail(raw: string): Omit<ReceivedMail, 'mailFrom' | 'rcptTo' | 'raw'> {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const bodyRaw = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  const cte = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text =
    cte === 'base64'
      ? Buffer.from(bodyRaw.replace(/\s+/g, ''), 'base64').toString('utf8')
      : cte === 'quoted-printable'
        ? decodeQuotedPrintable(bodyRaw)
        : bodyRaw;
  return {
    headers,
    subject: decodeWords(headers.get('subject') ?? ''),
    from: decodeWords(headers.get('from') ?? ''),
    to: decodeWords(headers.get('to') ?? ''),
    text: text.replace(/\r\n/g, '\n'),
  };
}
