import { describe, expect, it } from 'vitest';
import { localizeMessage } from '../../../server/http/messages.js';

describe('validation messages in Chinese', () => {
  it.each([
    ['must fall in the years 1900 to 2200', '时间应在 1900 至 2200 年之间'],
    ['must not repeat a station', '站点不能重复'],
    ['only a lawyer account may name a lawyerId', '只有律师账号可以关联律师'],
    ['must be a positive whole number', '应为正整数'],
    ['the range may span at most 92 days', '日期范围最多 92 天'],
  ])('translates %s', (en, zh) => {
    expect(localizeMessage(en, 'zh')).toBe(zh);
    expect(localizeMessage(en, 'en')).toBe(en);
  });

  it('leaves a message it does not know as it is', () => {
    expect(localizeMessage('something new', 'zh')).toBe('something new');
  });
});
