/**
 * Every staff notification has its Chinese and its English text (server/notifications/staffText.ts),
 * each says everything the message is about, the English one is English through and through;
 * a stored message is shown to a reader in their language where it can be, as written where it
 * cannot; and no staff notification is written anywhere but the fan-out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_DIR, typeScriptFiles } from '../../helpers/sourceFiles.js';
import { MESSAGE_TEXT_KEYS, SWAP_TEXT_KEYS, type MessageText, type MessageTextKey, type SwapTextParams } from '../../../server/notifications/messageText.js';
import { EMAIL_FOOTER, STAFF_TEXT, followUpLine, shownText, staffText } from '../../../server/notifications/staffText.js';

/** Parameters in plain ASCII, so anything else in an English text comes from its template. */
const SWAP: SwapTextParams = {
  date: '2026-12-10',
  station: 'STATION-A',
  from: 'LAWYER-FROM',
  to: 'LAWYER-TO',
  otherDate: null,
  otherStation: null,
  note: 'NOTE-X',
  decisionNote: 'DECISION-Y',
  reason: 'REASON-Z',
};
const EXCHANGE: SwapTextParams = { ...SWAP, otherDate: '2026-12-11', otherStation: 'STATION-B' };

/** Each key with the parameters its texts must name (a swap's note, decision and reason only where that message tells them). */
const SAMPLES: [MessageText, string[]][] = [
  ...SWAP_TEXT_KEYS.flatMap((key): [MessageText, string[]][] => {
    const told = { swap_requested: ['NOTE-X'], swap_offer: ['NOTE-X'], swap_rejected: ['DECISION-Y'], swap_declined: ['DECISION-Y'], swap_cancelled: ['REASON-Z'] } as Record<string, string[]>;
    const people = key === 'swap_offer' || key === 'swap_offer_reminder' ? ['LAWYER-FROM'] : key === 'swap_rejected' || key === 'swap_cancelled' || key === 'swap_expired' ? [] : key.startsWith('swap_accepted') || key === 'swap_declined' ? ['LAWYER-TO'] : ['LAWYER-FROM'];
    const base = ['2026-12-10', 'STATION-A', ...people, ...(told[key] ?? [])];
    return [
      [{ key, params: SWAP }, base],
      ...(key === 'swap_requested' || key === 'swap_applied' || key === 'swap_awaiting_approval' ? ([[{ key, params: EXCHANGE }, [...base, '2026-12-11', 'STATION-B']]] as [MessageText, string[]][]) : []),
    ];
  }),
  [{ key: 'roster_drafted', params: { month: '2027-01', stations: 11, gaps: 3 } }, ['2027-01', '11', '3']],
  [{ key: 'roster_drafted', params: { month: '2027-01', stations: 11, gaps: 0 } }, ['2027-01', '11']],
  [{ key: 'roster_published', params: { month: '2027-01', duties: 4 } }, ['2027-01', '4']],
  [{ key: 'shift_gained', params: { date: '2027-01-05', station: 'STATION-A' } }, ['2027-01-05', 'STATION-A']],
  [{ key: 'shift_lost', params: { date: '2027-01-05', station: 'STATION-A' } }, ['2027-01-05', 'STATION-A']],
  [
    {
      key: 'follow_up_reminder',
      params: {
        station: 'STATION-A',
        calls: 23,
        overdue: 1,
        items: [
          { due: '2026-12-08', overdue: true, caller: 'CALLER-1', category: 'wage_arrears', summary: 'SUMMARY-1' },
          { due: '2026-12-10', overdue: false, caller: null, category: 'work_injury', summary: 'SUMMARY-2' },
        ],
      },
    },
    ['STATION-A', '23', '2026-12-08', 'CALLER-1', 'SUMMARY-1', '2026-12-10', 'SUMMARY-2', '21'],
  ],
  [{ key: 'follow_up_reminder', params: { station: 'STATION-A', calls: 2, overdue: 0 } }, ['STATION-A', '2']],
];

const HAN = /\p{Script=Han}/u;
/** What an English text may hold besides ASCII: curly quotes, the exchange and hand-over arrows, an ellipsis, the list's bullet. */
const ENGLISH = /^[\x20-\x7e\n“”⇄→…·]+$/;

describe('staff notifications in Chinese and English', () => {
  it('has a Chinese and an English text for every kind of message, and nothing else', () => {
    expect(Object.keys(STAFF_TEXT).sort()).toEqual([...MESSAGE_TEXT_KEYS].sort());
    for (const key of MESSAGE_TEXT_KEYS) {
      expect(typeof STAFF_TEXT[key].zh, key).toBe('function');
      expect(typeof STAFF_TEXT[key].en, key).toBe('function');
    }
    // Every key is exercised below.
    expect(new Set(SAMPLES.map(([t]) => t.key))).toEqual(new Set<MessageTextKey>(MESSAGE_TEXT_KEYS));
  });

  it.each(SAMPLES.map(([text, names]) => [`${text.key}${'otherDate' in text.params && text.params.otherDate ? ' (exchange)' : ''}`, text, names] as const))(
    '%s says the same things in both languages',
    (_label, text, names) => {
      const zh = staffText(text, 'zh');
      const en = staffText(text, 'en');
      for (const t of [zh, en]) {
        expect(t.title.length).toBeGreaterThan(0);
        expect(t.title.length).toBeLessThanOrEqual(200); // the outbox's title column
        expect(`${t.title}\n${t.body}`).not.toMatch(/undefined|null|\$\{|NaN/);
      }
      expect(`${zh.title}${zh.body}`).toMatch(HAN);
      expect(en.title, en.title).toMatch(ENGLISH);
      expect(en.body, en.body).toMatch(ENGLISH);
      for (const name of names) {
        expect(`${zh.title}\n${zh.body}`, `zh names ${name}`).toContain(name);
        expect(`${en.title}\n${en.body}`, `en names ${name}`).toContain(name);
      }
    },
  );

  it('writes each swap message differently, and the exchange as an exchange', () => {
    for (const lang of ['zh', 'en'] as const) {
      const bodies = new Set(SWAP_TEXT_KEYS.map((key) => staffText({ key, params: SWAP }, lang).body));
      expect(bodies.size, lang).toBe(SWAP_TEXT_KEYS.length);
    }
    expect(staffText({ key: 'swap_applied', params: EXCHANGE }, 'en').body).toBe(
      'LAWYER-FROM and LAWYER-TO have exchanged the duties on 2026-12-10 at STATION-A and 2026-12-11 at STATION-B.',
    );
    expect(staffText({ key: 'swap_applied', params: EXCHANGE }, 'zh').body).toBe('LAWYER-FROM 与 LAWYER-TO 已互换 2026-12-10 STATION-A 与 2026-12-11 STATION-B 的值班。');
    expect(staffText({ key: 'swap_requested', params: { ...SWAP, note: null } }, 'en').body).not.toContain('()');
    expect(staffText({ key: 'swap_requested', params: { ...SWAP, note: null } }, 'zh').body).not.toContain('（）');
  });

  it('counts in English, and lists call-backs with categories in the reader’s language', () => {
    expect(staffText({ key: 'roster_published', params: { month: '2026-12', duties: 1 } }, 'en').body).toBe('You have 1 duty day in 2026-12; see “My duty”.');
    expect(staffText({ key: 'roster_published', params: { month: '2026-12', duties: 3 } }, 'en').body).toContain('3 duty days');
    expect(staffText({ key: 'roster_drafted', params: { month: '2027-01', stations: 11, gaps: 1 } }, 'en').title).toBe('Draft roster for 2027-01 is ready, with 1 gap');
    expect(staffText({ key: 'roster_drafted', params: { month: '2027-01', stations: 11, gaps: 1 } }, 'zh').title).toBe('2027-01 排班草稿已生成，有 1 个空缺');
    const item = { due: '2026-12-08', overdue: true, caller: '张** 138****5678', category: 'wage_arrears', summary: '请回电' };
    expect(followUpLine(item, 'zh')).toBe('· 2026-12-08（逾期） 张** 138****5678 [欠薪] 请回电');
    expect(followUpLine(item, 'en')).toBe('· 2026-12-08 (overdue) 张** 138****5678 [Unpaid wages] 请回电');
    expect(followUpLine({ ...item, caller: null, overdue: false, category: '自由分类' }, 'en')).toBe('· 2026-12-08 anonymous caller [自由分类] 请回电');
    const reminder = staffText({ key: 'follow_up_reminder', params: { station: 'S', calls: 21, overdue: 0, items: [item] } }, 'en');
    expect(reminder.body.split('\n')).toEqual(['S has 21 calls to call back today:', followUpLine(item, 'en'), '… and 20 more', 'See the call-back list on the “Hotline” page.']);
  });

  it('has an e-mail footer in both languages', () => {
    expect(EMAIL_FOOTER.zh('https://x.example')).toMatch(HAN);
    expect(EMAIL_FOOTER.en('https://x.example')).toMatch(ENGLISH);
    for (const lang of ['zh', 'en'] as const) expect(EMAIL_FOOTER[lang]('https://x.example')).toContain('https://x.example');
  });
});

describe('shownText: a stored message as its reader sees it', () => {
  const text: MessageText = { key: 'swap_declined', params: { ...SWAP, station: '金华镇分站', to: '李律师', decisionNote: '当天出庭' } };
  const zhRow = (payload: Record<string, unknown> | null) => ({ title: '李律师 无法接班：2026-12-10 金华镇分站', body: '中文正文', payload });

  it('keeps the text as written when it is in the reader’s language (messages from before languages were stored are Chinese)', () => {
    expect(shownText(zhRow({ text }), 'zh')).toEqual({ title: '李律师 无法接班：2026-12-10 金华镇分站', body: '中文正文', lang: 'zh' });
    expect(shownText(zhRow({ text, lang: 'zh' }), 'zh').body).toBe('中文正文');
    expect(shownText({ title: 'T', body: 'English as written', payload: { text, lang: 'en' } }, 'en')).toEqual({ title: 'T', body: 'English as written', lang: 'en' });
  });

  it('writes it again from its data for a reader of the other language', () => {
    const en = shownText(zhRow({ text }), 'en');
    expect(en.lang).toBe('en');
    expect(en.title).toBe('李律师 cannot take the duty: 2026-12-10 金华镇分站');
    expect(en.body).toContain('declined your swap request for 2026-12-10 at 金华镇分站: 当天出庭.');
    const zh = shownText({ title: 'T', body: 'B', payload: { text, lang: 'en' } }, 'zh');
    expect(zh).toEqual({ ...staffText(text, 'zh'), lang: 'zh' });
  });

  it('shows a message without usable data as written, and says in which language', () => {
    for (const broken of [undefined, 'swap_declined', { key: 'no_such_kind', params: SWAP }, { key: 'swap_declined' }, { key: 'roster_published', params: null }, { key: 'swap_declined', params: 'x' }]) {
      expect(shownText(zhRow({ text: broken }), 'en')).toEqual({ title: '李律师 无法接班：2026-12-10 金华镇分站', body: '中文正文', lang: 'zh' });
    }
    expect(shownText(zhRow(null), 'en').lang).toBe('zh');
  });
});

describe('where staff notifications are written', () => {
  it('only the fan-out writes an in-app message or an e-mail: every other server file goes through it', () => {
    const writers = typeScriptFiles(SERVER_DIR)
      .filter((f) => {
        const source = fs.readFileSync(f, 'utf8');
        return /enqueueNotification\(/.test(source) && /channel:\s*'(in_app|email)'/.test(source);
      })
      .map((f) => path.relative(SERVER_DIR, f));
    expect(writers).toEqual(['notifications/fanout.ts']);
  });
});
