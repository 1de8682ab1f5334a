/**
 * Pluggable senders. The default SMS sender writes to the log that a message went out:
 * its id, its kind and the masked number, never its text, which holds the booking or
 * waitlist code (with the phone, the key to a worker's booking) and when they are seen.
 * The outbox row keeps the full record. A real gateway is
 * configured with SMS_GATEWAY_URL and SMS_GATEWAY_KEY; real e-mail with SMTP_URL
 * (and MAIL_FROM).
 */
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { maskPhone } from '../lib/phone.js';
import type { Channel, NotificationRow } from './notifications.entity.js';
import { EMAIL_FOOTER } from './staffText.js';

export interface Sender {
  channel: Channel;
  send(n: NotificationRow): Promise<void>;
}

export class LogSmsSender implements Sender {
  readonly channel = 'sms' as const;
  constructor(private readonly logger: Logger) {}
  async send(n: NotificationRow): Promise<void> {
    this.logger.info({ notification: n.id, kind: n.kind, to: maskPhone(n.recipientPhone ?? '') }, 'SMS (log sender)');
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

/** E-mail goes to the log until SMTP is configured (SMTP_URL): like SMS, its id and kind, not its text. */
export class LogEmailSender implements Sender {
  readonly channel = 'email' as const;
  constructor(private readonly logger: Logger) {}
  async send(n: NotificationRow): Promise<void> {
    this.logger.info({ notification: n.id, kind: n.kind }, 'E-mail (log sender)');
  }
}

/**
 * Sends through an SMTP server (nodemailer, one connection per message). Any refusal or
 * network error throws, so the outbox retries with backoff. Timeouts are kept well inside
 * the 2-minute delivery claim; `?connectionTimeout=…` etc. in SMTP_URL override them.
 */
export class SmtpEmailSender implements Sender {
  readonly channel = 'email' as const;
  private readonly transport: nodemailer.Transporter;
  private readonly domain: string;
  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly publicBaseUrl: string,
  ) {
    this.transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 45_000 });
    this.domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  }
  async send(n: NotificationRow): Promise<void> {
    if (!n.recipientEmail) throw new Error('The message has no e-mail address');
    // The footer in the language the message was written in (rows from before users had one are Chinese).
    const footer = EMAIL_FOOTER[n.payload?.lang === 'en' ? 'en' : 'zh'](this.publicBaseUrl);
    await this.transport.sendMail({
      from: this.from,
      to: n.recipientEmail,
      subject: n.title,
      text: `${n.body}\n\n--\n${footer}`,
      // One Message-ID per outbox row: if a message is ever sent twice (a crash between
      // sending and recording it), mail systems can tell it is the same message.
      messageId: `<notification-${n.id}-${n.createdAt.getTime()}@${this.domain}>`,
      headers: { 'X-Notification-Kind': n.kind },
    });
  }
}

export function defaultSenders(config: Readonly<Config>, logger: Logger): Sender[] {
  const sms: Sender = config.sms.gatewayUrl ? new HttpSmsSender(config.sms.gatewayUrl, config.sms.gatewayKey) : new LogSmsSender(logger);
  const email: Sender = config.smtpUrl ? new SmtpEmailSender(config.smtpUrl, config.mailFrom, config.publicBaseUrl) : new LogEmailSender(logger);
  return [sms, email];
}
