/**
 * The bell in English: staff notifications are rendered from the data the server stores
 * beside its Chinese text; Chinese readers, and messages without that data, get the text
 * as stored.
 */
import { describe, expect, it } from 'vitest';
import { englishText, shownText } from '../../../client/src/features/notifications/englishText.js';
import { SWAP_TEXT_KEYS, type MessageText, type SwapTextParams } from '../../../server/notifications/messageText.js';

const swap: SwapTextParams = {
  date: '2026-12-10',
  station: '金华镇分站',
  from: '王律师',
  to: '李律师',
  otherDate: null,
  otherStation: null,
  note: '家里有事',
  decisionNote: '当天出庭',
  reason: null,
};
const SWAP_KEYS = SWAP_TEXT_KEYS;
const stored = (text: unknown) => ({ title: '换班请求：2026-12-10 金华镇分站', body: '中文正文', payload: { swapId: 1, text } });

describe('staff notifications in English', () => {
  it('renders every swap message with its day, station and people, and no empty placeholders', () => {
    const seen = new Set<string>();
    for (const key of SWAP_KEYS) {
      const { title, body } = englishText({ key, params: swap });
      expect(title).toContain('2026-12-10');
      expect(body).toContain('金华镇分站');
      expect(`${title} ${body}`).not.toMatch(/undefined|null|\{\{/);
      seen.add(body);
    }
    expect(seen.size).toBe(SWAP_KEYS.length);
    expect(englishText({ key: 'swap_declined', params: swap }).body).toBe(
      '李律师 declined your swap request for 2026-12-10 at 金华镇分站: 当天出庭. The roster stays as it was; you can ask another colleague or offer the duty to everyone.',
    );
    expect(englishText({ key: 'swap_requested', params: swap }).body).toContain('(家里有事)');
    const exchange = englishText({ key: 'swap_applied', params: { ...swap, otherDate: '2026-12-11', otherStation: '宾阳街道分站' } });
    expect(exchange.body).toBe('王律师 and 李律师 have exchanged the duties on 2026-12-10 at 金华镇分站 and 2026-12-11 at 宾阳街道分站.');
  });

  it('counts in English', () => {
    const one: MessageText = { key: 'roster_published', params: { month: '2026-12', duties: 1 } };
    expect(englishText(one).body).toBe('You have 1 duty day in 2026-12; see “My duty”.');
    expect(englishText({ key: 'roster_published', params: { month: '2026-12', duties: 3 } }).body).toContain('3 duty days');
    expect(englishText({ key: 'roster_drafted', params: { month: '2027-01', stations: 11, gaps: 1 } }).title).toBe('Draft roster for 2027-01 is ready, with 1 gap');
    expect(englishText({ key: 'follow_up_reminder', params: { station: '区站', calls: 2, overdue: 1 } }).title).toBe('Call-backs today: 2 due (1 overdue)');
  });

  it('shows the stored text to Chinese readers, and for messages without usable data', () => {
    const text = { key: 'swap_declined', params: swap };
    expect(shownText(stored(text), 'zh-CN')).toEqual({ title: '换班请求：2026-12-10 金华镇分站', body: '中文正文' });
    expect(shownText(stored(text), 'en').title).toBe('李律师 cannot take the duty: 2026-12-10 金华镇分站');
    for (const broken of [undefined, 'swap_declined', { key: 'no_such_kind', params: swap }, { key: 'swap_declined' }, { key: 'roster_published', params: null }]) {
      expect(shownText(stored(broken), 'en').body).toBe('中文正文');
    }
  });
});
