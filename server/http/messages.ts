/**
 * Messages in the caller's language. zod's own messages come from its zh-CN locale; the
 * project's validation messages are translated here, and the services' own error
 * messages (409s, 400s and their details) in domainMessages.zh.ts. The language is the
 * request's Accept-Language (the client sends its UI language); English otherwise.
 */
import { z } from 'zod';
import { domainMessageZh } from './domainMessages.zh.js';

export type Lang = 'zh' | 'en';

/** The first language an Accept-Language header names, lower case ('' without one). */
const firstLanguage = (acceptLanguage: string | undefined) => (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';

export function requestLang(acceptLanguage: string | undefined): Lang {
  return firstLanguage(acceptLanguage).startsWith('zh') ? 'zh' : 'en';
}

/**
 * The language a worker's SMS are written in, from the request that booked (or joined the
 * waitlist): English when the reader asks for English first — the booking pages send their
 * UI language — and Chinese otherwise, without the header too (unlike requestLang, whose
 * English default is for API callers reading error messages). Stored on the booking.
 */
export function workerLang(acceptLanguage: string | undefined): Lang {
  return firstLanguage(acceptLanguage).startsWith('en') ? 'en' : 'zh';
}

const zhLocale = z.locales.zhCN();

/** The per-parse error map for a language (undefined: the schemas' English messages). */
export function zodErrorMap(lang: Lang) {
  return lang === 'zh' ? zhLocale.localeError : undefined;
}

const ZH: [RegExp, string | ((m: RegExpMatchArray) => string)][] = [
  [/^must be a date YYYY-MM-DD$/, '日期格式应为 YYYY-MM-DD'],
  [/^is not a real calendar date$/, '没有这一天'],
  [/^must be a month YYYY-MM$/, '月份格式应为 YYYY-MM'],
  [/^is not a real month$/, '没有这个月份'],
  [/^must be a time of day HH:mm$/, '时间格式应为 HH:mm'],
  [/^must be an ISO 8601 instant with offset/, '时间应带时区，例如 2026-12-03T09:00:00+08:00'],
  [/^must be a positive whole number$/, '应为正整数'],
  [/^is too large$/, '数值太大'],
  [/^contains control characters$/, '含有不允许的控制字符'],
  [/^must not be empty$/, '不能为空'],
  [/^must contain a visible character$/, '不能只含空白或看不见的字符'],
  [/^`from` must not be after `to`$/, '开始日期不能晚于结束日期'],
  [/^the range may span at most (\d+) days$/, (m) => `日期范围最多 ${m[1]} 天`],
  [/^must be a mainland mobile number/, '请填写11位手机号（1开头）'],
  [/^must be at least (\d+) characters$/, (m) => `至少 ${m[1]} 个字符`],
  [/^must be at most (\d+) characters$/, (m) => `最多 ${m[1]} 个字符`],
  [/^start must be before end$/, '开始时间应早于结束时间'],
  [/^shiftStart must be before shiftEnd$/, '开始时间应早于结束时间'],
  [/^open hours of one weekday must not overlap$/, '同一天的开放时间不能重叠'],
  [/^use 2–32 letters, digits or dashes$/, '只能用 2–32 个字母、数字或短横线'],
  [/^a lawyer may appear only once in a rotation$/, '同一律师在轮值中只能出现一次'],
  [/^name at least one lawyer$/, '至少选择一名律师'],
  [/^a lawyer account must name its lawyerId$/, '律师账号需要关联律师'],
  [/^only a lawyer account may name a lawyerId$/, '只有律师账号可以关联律师'],
  [/^must fall in the years 1900 to 2200$/, '时间应在 1900 至 2200 年之间'],
  [/^must not repeat a station$/, '站点不能重复'],
  [/^consent to storing your name and phone number is required$/, '需要您同意我们保存姓名和电话'],
  [/^may hold letters, digits, dot, dash and underscore$/, '只能包含字母、数字、点、短横线和下划线'],
  [/^name the entity the id belongs to$/, '请同时指明这个编号属于哪类记录'],
];

/** Translate one of the project's own messages; anything else is returned as it is. */
export function localizeMessage(message: string, lang: Lang): string {
  if (lang !== 'zh') return message;
  for (const [re, zh] of ZH) {
    const m = message.match(re);
    if (m) return typeof zh === 'string' ? zh : zh(m);
  }
  return domainMessageZh(message) ?? message;
}

export const INVALID_REQUEST: Record<Lang, string> = { zh: '请求内容不正确', en: 'The request is not valid' };
