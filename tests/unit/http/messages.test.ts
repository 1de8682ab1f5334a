import { describe, expect, it } from 'vitest';
import { localizeMessage, requestLang, workerLang } from '../../../server/http/messages.js';

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

describe("the language of a worker's SMS", () => {
  it.each([
    ['en', 'en'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    [' EN-gb', 'en'],
    ['zh-CN', 'zh'],
    ['zh-CN,en;q=0.5', 'zh'],
    ['fr-FR,en;q=0.5', 'zh'],
    ['*', 'zh'],
    ['', 'zh'],
    [undefined, 'zh'],
  ] as const)('is %j → %s: English only when the reader asks for it first', (header, lang) => {
    expect(workerLang(header)).toBe(lang);
  });

  it('differs from the language of error messages only without a Chinese or English first choice', () => {
    expect(requestLang(undefined)).toBe('en');
    expect(workerLang(undefined)).toBe('zh');
    for (const h of ['en', 'zh-CN', 'en-US,zh;q=0.8', 'zh-TW']) expect(workerLang(h)).toBe(requestLang(h));
  });
});
