/** Pure helpers for the figures: reporting periods and how amounts are written. */
import type { TFunction } from 'i18next';
import { currentLanguage } from '../../i18n';
import { addDays } from '../../lib/dates';

export const PERIODS = ['thisMonth', 'lastMonth', 'thisQuarter', 'thisYear', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

const pad = (n: number) => String(n).padStart(2, '0');

function monthEnd(year: number, month: number): string {
  // Day 0 of the next month is the last day of this one.
  const d = new Date(Date.UTC(year, month, 0));
  return d.toISOString().slice(0, 10);
}

/** The local dates a named period covers, as of `today` (`YYYY-MM-DD`). Whole months, quarters and years. */
export function periodRange(period: Exclude<Period, 'custom'>, today: string): { from: string; to: string } {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  switch (period) {
    case 'thisMonth':
      return { from: `${y}-${pad(m)}-01`, to: monthEnd(y, m) };
    case 'lastMonth': {
      const py = m === 1 ? y - 1 : y;
      const pm = m === 1 ? 12 : m - 1;
      return { from: `${py}-${pad(pm)}-01`, to: monthEnd(py, pm) };
    }
    case 'thisQuarter': {
      const first = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: `${y}-${pad(first)}-01`, to: monthEnd(y, first + 2) };
    }
    case 'thisYear':
      return { from: `${y}-01-01`, to: `${y}-12-31` };
  }
}

/** A default custom range: the 30 days up to today. */
export function lastThirtyDays(today: string): { from: string; to: string } {
  return { from: addDays(today, -29), to: today };
}

const yuan = (digits: number) =>
  new Intl.NumberFormat('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * Money as the network reports it: 万元 from ten thousand up (367.12万元), plain yuan below.
 * English readers get the same unit spelled out (¥3.67 million).
 */
export function formatYuan(amount: number, t: TFunction): string {
  if (Math.abs(amount) >= 10_000) {
    if (currentLanguage() === 'en') {
      const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 2 }).format(amount);
      return t('dashboard.money.yuan', { value: compact });
    }
    return t('dashboard.money.wan', { value: yuan(2).format(amount / 10_000) });
  }
  return t('dashboard.money.yuan', { value: yuan(Number.isInteger(amount) ? 0 : 2).format(amount) });
}

/** The exact amount, for a tooltip or a second line (¥1,334,800.00). */
export function formatYuanExact(amount: number): string {
  return `¥${yuan(2).format(amount)}`;
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat('zh-CN').format(n);
}

/** Covered share of required days, in whole percent; null when nothing was required. */
export function coveragePercent(required: number, covered: number): number | null {
  if (required <= 0) return null;
  return Math.round((covered / required) * 1000) / 10;
}

/** Calendar months a range touches (2026-11-05..2026-12-02 → 2). */
export function monthsSpanned(from: string, to: string): number {
  const m = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
  return m(to) - m(from) + 1;
}

/**
 * The range the monthly trend covers: the period itself when it spans half a year or
 * more; otherwise the twelve months up to the period's end, so a month has a context.
 */
export function trendRange(from: string, to: string): { from: string; to: string; extended: boolean } {
  if (monthsSpanned(from, to) >= 6) return { from, to, extended: false };
  const total = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7)) - 1 - 11;
  const start = `${Math.floor(total / 12)}-${pad((total % 12) + 1)}-01`;
  return { from: start < from ? start : from, to, extended: true };
}
