/**
 * Every SMS a worker can get has its Chinese and its English text (server/bookings/workerSms.ts),
 * each says everything the message is about, the English one is English through and through,
 * and no SMS is written anywhere else.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_DIR, typeScriptFiles } from '../../helpers/sourceFiles.js';
import { SMS_SIGNATURE, WORKER_SMS, WORKER_SMS_KINDS, workerSms, workerSmsText, type WorkerSmsKind, type WorkerSmsParams } from '../../../server/bookings/workerSms.js';

/** Parameters for each kind, in plain ASCII so anything else in an English text comes from its template. */
const SAMPLES: { [K in WorkerSmsKind]: WorkerSmsParams[K] } = {
  'booking.confirmed': { station: 'STATION-A', when: '2026-12-03 09:00', code: 'K7P2M-9QXDH' },
  'booking.reminder': { station: 'STATION-A', when: '2026-12-03 09:00', code: 'K7P2M-9QXDH' },
  'booking.cancelled': { station: 'STATION-A', when: '2026-12-03 09:00', code: 'K7P2M-9QXDH' },
  'booking.cancelled_closure': { station: 'STATION-A', date: '2026-12-03', time: '09:30', code: 'K7P2M-9QXDH', reason: 'TYPHOON' },
  'booking.rescheduled': { station: 'STATION-A', when: '2026-12-04 15:00', code: 'K7P2M-9QXDH' },
  'booking.lawyer_changed': { station: 'STATION-A', date: '2026-12-03', time: '09:30', code: 'K7P2M-9QXDH', lawyer: 'LAWYER-B' },
  'waitlist.offer': { station: 'STATION-A', when: '2026-12-03 09:00', holdUntil: '08:30', code: 'W3R4T-5Y6U7' },
  'waitlist.closed': { station: 'STATION-A', date: '2026-12-03', code: 'W3R4T-5Y6U7', reason: 'TYPHOON' },
};

const HAN = /\p{Script=Han}/u;
/** What an SMS in English may contain: printable ASCII (no full-width ，。（） from a copied Chinese text). */
const PLAIN_ENGLISH = /^[\x20-\x7e]+$/;

describe('worker SMS in Chinese and English', () => {
  it.each(WORKER_SMS_KINDS)('%s has a Chinese and an English text that say the same things', (kind) => {
    const params = SAMPLES[kind] as WorkerSmsParams[typeof kind];
    const zh = workerSmsText(kind, 'zh', params);
    const en = workerSmsText(kind, 'en', params);
    expect(typeof WORKER_SMS[kind].zh).toBe('function');
    expect(typeof WORKER_SMS[kind].en).toBe('function');
    expect(zh).toMatch(HAN);
    expect(en).toMatch(PLAIN_ENGLISH);
    expect(en).not.toMatch(/undefined|null|\$\{/);
    for (const value of Object.values(params)) {
      expect(zh, `${kind} zh names ${value}`).toContain(String(value));
      expect(en, `${kind} en names ${value}`).toContain(String(value));
    }
    // Short, as an SMS should be: one message of 160 characters at most with these parameters.
    expect(en.length, en).toBeLessThanOrEqual(160);
  });

  it('leaves the reason out of a closure notice when none is known, in both languages', () => {
    for (const kind of ['booking.cancelled_closure', 'waitlist.closed'] as const) {
      const params = { ...SAMPLES[kind], reason: null };
      expect(workerSmsText(kind, 'zh', params)).not.toContain('因');
      const en = workerSmsText(kind, 'en', params);
      expect(en).toMatch(/^STATION-A is closed on 2026-12-03, so your/);
      expect(en).not.toContain('()');
    }
  });

  it('makes an outbox SMS with the signature, the kind and the text in the language asked for', () => {
    const params = SAMPLES['booking.cancelled'];
    const en = workerSms('13812345678', 'booking.cancelled', 'en', params, { dedupeKey: 'appt:1:cancelled' });
    expect(en).toEqual({
      channel: 'sms',
      kind: 'booking.cancelled',
      recipientPhone: '13812345678',
      title: `${SMS_SIGNATURE}${en.body.slice(0, 60)}`,
      body: 'Your booking at STATION-A, 2026-12-03 09:00 (K7P2M-9QXDH) is cancelled.',
      dedupeKey: 'appt:1:cancelled',
    });
    expect(workerSms('13812345678', 'booking.cancelled', 'zh', params).body).toBe('您在STATION-A 2026-12-03 09:00的预约（K7P2M-9QXDH）已取消。');
  });

  it('is the only place that writes an SMS: no other server file makes one', () => {
    const writers = typeScriptFiles(SERVER_DIR)
      .filter((f) => /channel:\s*'sms'/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(SERVER_DIR, f));
    expect(writers).toEqual(['bookings/workerSms.ts']);
  });
});
