/**
 * The one place that reads the environment. Parsed once with zod, frozen, and
 * passed down; a bad value stops start-up with a message naming the variable.
 */
import { z } from 'zod';

const DEFAULT_DATABASE_URL = 'sqlite:data/dutyroster.sqlite';

const boolFlag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const intIn = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const envSchema = z.object({
  PORT: intIn(0, 65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:.+|mysql:\/\/.+)$/, 'must be sqlite:<path> or mysql://user:pass@host:3306/db')
    .optional(),
  SEED_DEMO: boolFlag.optional(),
  DEMO_PASSWORD: z.string().min(1).default('demo'),
  DEMO_NOW: z
    .string()
    .refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) && !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 instant such as 2026-12-01T08:00:00+08:00')
    .optional(),
  APP_TIMEZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Asia/Shanghai')
    .default('Asia/Shanghai'),
  PUBLIC_RATE_LIMIT: intIn(0, 1_000_000).default(300),
  LOOKUP_FAILURE_LIMIT: intIn(1, 100_000).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'must look like 100kb').default('100kb'),
  SESSION_TTL_HOURS: intIn(1, 24 * 90).default(12),
  TRUST_PROXY: z.string().default('loopback'),
  JOBS_ENABLED: boolFlag.default(true),
  ROSTER_DRAFT_CRON: z.string().min(9).default('0 2 20 * *'),
  BOOKING_MIN_NOTICE_MINUTES: intIn(0, 7 * 24 * 60).default(120),
  BOOKING_HORIZON_DAYS: intIn(1, 90).default(14),
  BOOKING_MAX_FUTURE_PER_PHONE: intIn(1, 20).default(2),
  BOOKING_THREAD: boolFlag.default(true),
  BOOKING_GROUPS: boolFlag.default(true),
  WAITLIST_HOLD_MINUTES: intIn(1, 24 * 60).default(30),
  NO_SHOW_GRACE_MINUTES: intIn(0, 24 * 60).default(30),
  RETENTION_MONTHS: intIn(1, 240).default(24),
  SMS_GATEWAY_URL: z.url().optional(),
  SMS_GATEWAY_KEY: z.string().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, 'must be smtp://user:pass@host:587 or smtps://user:pass@host:465')
    .optional(),
  MAIL_FROM: z.string().min(3).default('职工维权服务站 <noreply@localhost>'),
  PUBLIC_BASE_URL: z.url().optional(),
  HOTLINE_NUMBER: z.string().default('0851-12351'),
});

export type DatabaseKind = 'sqlite' | 'mysql';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  databaseKind: DatabaseKind;
  seedDemo: boolean;
  demoPassword: string;
  /** Demo only: the server's clock starts at this instant and runs on from there (DEMO_NOW). */
  demoNow?: string;
  timeZone: string;
  publicRateLimit: number;
  lookupFailureLimit: number;
  logLevel: string;
  bodyLimit: string;
  sessionTtlHours: number;
  trustProxy: string;
  jobsEnabled: boolean;
  rosterDraftCron: string;
  booking: {
    minNoticeMinutes: number;
    horizonDays: number;
    maxFuturePerPhone: number;
    /** SQLite: place online bookings on a thread of their own (placementThread.ts). */
    thread: boolean;
    /** MySQL: place online bookings that arrive together in one transaction (placementGroup.ts). */
    groups: boolean;
    waitlistHoldMinutes: number;
    noShowGraceMinutes: number;
  };
  retentionMonths: number;
  sms: { gatewayUrl?: string; gatewayKey?: string };
  smtpUrl?: string;
  /** The From: of notification e-mail, e.g. `职工维权服务站 <noreply@example.org>`. */
  mailFrom: string;
  publicBaseUrl: string;
  hotlineNumber: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  // Empty strings count as unset so `FOO= npm start` behaves like no FOO.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const databaseUrl = e.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const databaseKind: DatabaseKind = databaseUrl.startsWith('mysql:') ? 'mysql' : 'sqlite';
  const seedDemo = e.SEED_DEMO ?? e.DATABASE_URL === undefined;
  if (e.DEMO_NOW && !seedDemo) {
    throw new ConfigError('Invalid configuration:\n  DEMO_NOW: only applies to the demo (SEED_DEMO=1); a real network always runs on the real clock');
  }
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl,
    databaseKind,
    // Demo data only by default on the embedded default database.
    seedDemo,
    demoPassword: e.DEMO_PASSWORD,
    demoNow: e.DEMO_NOW,
    timeZone: e.APP_TIMEZONE,
    publicRateLimit: e.PUBLIC_RATE_LIMIT,
    lookupFailureLimit: e.LOOKUP_FAILURE_LIMIT,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    trustProxy: e.TRUST_PROXY,
    jobsEnabled: e.JOBS_ENABLED,
    rosterDraftCron: e.ROSTER_DRAFT_CRON,
    booking: {
      minNoticeMinutes: e.BOOKING_MIN_NOTICE_MINUTES,
      horizonDays: e.BOOKING_HORIZON_DAYS,
      maxFuturePerPhone: e.BOOKING_MAX_FUTURE_PER_PHONE,
      thread: e.BOOKING_THREAD,
      groups: e.BOOKING_GROUPS,
      waitlistHoldMinutes: e.WAITLIST_HOLD_MINUTES,
      noShowGraceMinutes: e.NO_SHOW_GRACE_MINUTES,
    },
    retentionMonths: e.RETENTION_MONTHS,
    sms: { gatewayUrl: e.SMS_GATEWAY_URL, gatewayKey: e.SMS_GATEWAY_KEY },
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    // Where the server can be reached from outside (posters' QR codes, calendar feed links); by default this machine's port.
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT || 3000}`).replace(/\/+$/, ''),
    hotlineNumber: e.HOTLINE_NUMBER,
  });
}
