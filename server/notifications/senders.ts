/**
 * Pluggable senders. The default SMS sender writes the message to the log (with
 * the number masked) — the outbox row keeps the full record. A real gateway is
 * configured with SMS_GATEWAY_URL and SMS_GATEWAY_KEY.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { maskPhone } from '../lib/phone.js';
import type { Channel, NotificationRow } from './notifications.entity.js';

export interface Sender {
  channel: Channel;
  send(n: NotificationRow): Promise<void>;
}

export class LogSmsSender implements Sender {
  readonly channel = 'sms' as const;
  constructor(private readonly logger: Logger) {}
  async send(n: NotificationRow): Promise<void> {
    this.logger.info({ notification: n.id, kind: n.kind, to: maskPhone(n.recipientPhone ?? '') }, `SMS (log sender): ${n.title}`);
  }
}

/** POSTs `{to, text, kind, id}` as JSON with a bearer key; any non-2xx answer is a failure to retry. */
export class HttpSmsSender implements Sender {
  readonly channel = 'sms' as const;
  constructor(
    private readonly url: string,
    private readonly key: string | undefined,
  ) {}
  async send(n: NotificationRow): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.key ? { authorization: `Bearer ${this.key}` } : {}) },
      body: JSON.stringify({ to: n.recipientPhone, text: `${n.title}\n${n.body}`, kind: n.kind, id: n.id }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
  }
}

/** E-mail goes to the log until SMTP is configured (SMTP_URL); kept pluggable like SMS. */
export class LogEmailSender implements Sender {
  readonly channel = 'email' as const;
  constructor(private readonly logger: Logger) {}
  async send(n: NotificationRow): Promise<void> {
    this.logger.info({ notification: n.id, kind: n.kind }, `E-mail (log sender): ${n.title}`);
  }
}

export function defaultSenders(config: Readonly<Config>, logger: Logger): Sender[] {
  const sms: Sender = config.sms.gatewayUrl ? new HttpSmsSender(config.sms.gatewayUrl, config.sms.gatewayKey) : new LogSmsSender(logger);
  return [sms, new LogEmailSender(logger)];
}
