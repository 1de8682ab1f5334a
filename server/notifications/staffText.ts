/**
 * Every staff notification (coordinators, lawyers, desk staff), in Chinese and in English:
 * one table per kind of message (messageText.ts keys). A user's language (`users.lang`) is
 * the one their e-mails and in-app messages are written in; the bell renders a message again
 * from its data when its reader's language has changed since (client:
 * features/notifications/shownText.ts), so this file is bundled with the staff pages too and
 * imports nothing with side effects.
 *
 * Station names, lawyers' names, notes and reasons are stored in Chinese and appear as they
 * are. tests/unit/notifications/staffText.test.ts checks that every kind has both texts.
 */
import type { Lang } from '../http/messages.js';
import { categoryLabels, isDisputeCategory } from '../domain/categories.js';
import type { FollowUpItem, FollowUpReminderParams, MessageText, SwapTextKey, SwapTextParams } from './messageText.js';

export interface StaffText {
  title: string;
  body: string;
}

type ParamsOf<K extends MessageText['key']> = K extends SwapTextKey ? SwapTextParams : Extract<MessageText, { key: K }>['params'];
type Texts<K extends MessageText['key']> = Record<Lang, (p: ParamsOf<K>) => StaffText>;

// ---- Chinese -------------------------------------------------------------

const zhDay = (p: SwapTextParams) => `${p.date} ${p.station}`;
const zhOtherDay = (p: SwapTextParams) => (p.otherDate ? `${p.otherDate} ${p.otherStation ?? ''}` : '');
const zhInParens = (v: string | null) => (v ? `（${v}）` : '');
const zhAfterColon = (v: string | null) => (v ? `：${v}` : '');

// ---- English -------------------------------------------------------------

const plural = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;
const inParens = (v: string | null) => (v ? ` (${v})` : '');
const afterColon = (v: string | null) => (v ? `: ${v}` : '');
const enDay = (p: SwapTextParams) => `${p.date} ${p.station}`;
const enDayAt = (p: SwapTextParams) => `${p.date} at ${p.station}`;
const enOther = (p: SwapTextParams) => (p.otherDate ? `${p.otherDate} at ${p.otherStation ?? ''}` : null);

/** A call-back reminder's list: one line per call, and how many more there are. */
function followUpLines(p: FollowUpReminderParams, lang: Lang): string[] {
  const items = p.items ?? [];
  const lines = items.map((i) => followUpLine(i, lang));
  const more = p.calls - items.length;
  if (items.length > 0 && more > 0) lines.push(lang === 'zh' ? `……另有 ${more} 个` : `… and ${more} more`);
  return lines;
}

/** One call in a reminder: due date, caller (masked), category and the start of the summary. */
export function followUpLine(i: FollowUpItem, lang: Lang): string {
  const label = isDisputeCategory(i.category) ? categoryLabels[i.category][lang === 'zh' ? 'zh-CN' : 'en'] : i.category;
  return lang === 'zh'
    ? `· ${i.due}${i.overdue ? '（逾期）' : ''} ${i.caller ?? '匿名来电'} [${label}] ${i.summary}`
    : `· ${i.due}${i.overdue ? ' (overdue)' : ''} ${i.caller ?? 'anonymous caller'} [${label}] ${i.summary}`;
}

const SWAP_TEXT: { readonly [K in SwapTextKey]: Texts<K> } = {
  swap_requested: {
    zh: (p) =>
      p.otherDate
        ? {
            title: `换班请求：${zhDay(p)} ⇄ ${zhOtherDay(p)}`,
            body: `${p.from} 希望用 ${zhDay(p)} 的值班与您 ${zhOtherDay(p)} 的值班互换${zhInParens(p.note)}。请在“我的值班”中接受。`,
          }
        : { title: `换班请求：${zhDay(p)}`, body: `${p.from} 希望将 ${zhDay(p)} 的值班转给您${zhInParens(p.note)}。请在“我的值班”中接受。` },
    en: (p) =>
      p.otherDate
        ? {
            title: `Swap request: ${enDay(p)} ⇄ ${p.otherDate} ${p.otherStation ?? ''}`,
            body: `${p.from} would like to exchange the duty on ${enDayAt(p)} for yours on ${enOther(p)}${inParens(p.note)}. Accept it under “My duty”.`,
          }
        : { title: `Swap request: ${enDay(p)}`, body: `${p.from} would like to hand the duty on ${enDayAt(p)} over to you${inParens(p.note)}. Accept it under “My duty”.` },
  },
  swap_offer: {
    zh: (p) => ({ title: `可接值班：${zhDay(p)}`, body: `${p.from} 无法出席 ${zhDay(p)} 的值班，您可以接手${zhInParens(p.note)}。先接受者得。` }),
    en: (p) => ({
      title: `Duty up for grabs: ${enDay(p)}`,
      body: `${p.from} cannot attend the duty on ${enDayAt(p)}; you can take it over${inParens(p.note)}. The first to accept gets it.`,
    }),
  },
  swap_offer_reminder: {
    zh: (p) => ({ title: `仍无人接手：${zhDay(p)}`, body: `${p.from} 转让的 ${zhDay(p)} 值班还没有人接手。若您可以出席，请在“我的值班”中接受。` }),
    en: (p) => ({
      title: `Still not taken: ${enDay(p)}`,
      body: `Nobody has taken over the duty on ${enDayAt(p)} that ${p.from} handed over. If you can attend, accept it under “My duty”.`,
    }),
  },
  swap_accepted: {
    zh: (p) => ({ title: `${p.to ?? ''} 已接受换班：${zhDay(p)}`, body: `${p.to ?? ''} 已接受您 ${zhDay(p)} 的换班请求。` }),
    en: (p) => ({ title: `${p.to ?? ''} accepted the swap: ${enDay(p)}`, body: `${p.to ?? ''} accepted your swap request for ${enDayAt(p)}.` }),
  },
  swap_accepted_pending: {
    zh: (p) => ({ title: `${p.to ?? ''} 已接受换班：${zhDay(p)}`, body: `${p.to ?? ''} 已接受您 ${zhDay(p)} 的换班请求，等待协调员审批。` }),
    en: (p) => ({
      title: `${p.to ?? ''} accepted the swap: ${enDay(p)}`,
      body: `${p.to ?? ''} accepted your swap request for ${enDayAt(p)}; it now awaits a coordinator's approval.`,
    }),
  },
  swap_awaiting_approval: {
    zh: (p) => ({
      title: `换班待审批：${zhDay(p)}`,
      body: `${p.from} → ${p.to ?? ''}：${zhDay(p)}${p.otherDate ? ` ⇄ ${zhOtherDay(p)}` : ''}，双方已同意，请审批。`,
    }),
    en: (p) => ({
      title: `Swap awaiting approval: ${enDay(p)}`,
      body: `${p.from} → ${p.to ?? ''}: ${enDay(p)}${p.otherDate ? ` ⇄ ${p.otherDate} ${p.otherStation ?? ''}` : ''}. Both agreed; please approve or reject.`,
    }),
  },
  swap_applied: {
    zh: (p) => ({
      title: `换班已生效：${zhDay(p)}`,
      body: p.otherDate
        ? `${p.from} 与 ${p.to ?? ''} 已互换 ${zhDay(p)} 与 ${zhOtherDay(p)} 的值班。`
        : `${zhDay(p)} 的值班已由 ${p.from} 转给 ${p.to ?? ''}。`,
    }),
    en: (p) => ({
      title: `Swap in effect: ${enDay(p)}`,
      body: p.otherDate
        ? `${p.from} and ${p.to ?? ''} have exchanged the duties on ${enDayAt(p)} and ${enOther(p)}.`
        : `The duty on ${enDayAt(p)} has passed from ${p.from} to ${p.to ?? ''}.`,
    }),
  },
  swap_rejected: {
    zh: (p) => ({ title: `换班未获批准：${zhDay(p)}`, body: `${zhDay(p)} 的换班请求未获批准${zhAfterColon(p.decisionNote)}。值班安排不变。` }),
    en: (p) => ({
      title: `Swap not approved: ${enDay(p)}`,
      body: `The swap request for ${enDayAt(p)} was not approved${afterColon(p.decisionNote)}. The roster stays as it was.`,
    }),
  },
  swap_declined: {
    zh: (p) => ({
      title: `${p.to ?? ''} 无法接班：${zhDay(p)}`,
      body: `${p.to ?? ''} 婉拒了您 ${zhDay(p)} 的换班请求${zhAfterColon(p.decisionNote)}。值班安排不变，您可以改问其他同事或公开转让。`,
    }),
    en: (p) => ({
      title: `${p.to ?? ''} cannot take the duty: ${enDay(p)}`,
      body: `${p.to ?? ''} declined your swap request for ${enDayAt(p)}${afterColon(p.decisionNote)}. The roster stays as it was; you can ask another colleague or offer the duty to everyone.`,
    }),
  },
  swap_cancelled: {
    zh: (p) => ({ title: `换班已撤回：${zhDay(p)}`, body: `${zhDay(p)} 的换班请求已撤回${zhInParens(p.reason)}。值班安排不变。` }),
    en: (p) => ({
      title: `Swap withdrawn: ${enDay(p)}`,
      body: `The swap request for ${enDayAt(p)} was withdrawn${inParens(p.reason)}. The roster stays as it was.`,
    }),
  },
  swap_expired: {
    zh: (p) => ({ title: `换班已过期：${zhDay(p)}`, body: `${zhDay(p)} 的换班请求在值班日前未完成，已过期。` }),
    en: (p) => ({
      title: `Swap expired: ${enDay(p)}`,
      body: `The swap request for ${enDayAt(p)} was not completed before the duty day and has expired.`,
    }),
  },
};

export const STAFF_TEXT: { readonly [K in MessageText['key']]: Texts<K> } = {
  ...SWAP_TEXT,
  roster_drafted: {
    zh: ({ month, stations, gaps }) => ({
      title: `${month} 排班草稿已生成${gaps ? `，有 ${gaps} 个空缺` : ''}`,
      body: gaps
        ? `系统已为 ${stations} 个服务站生成 ${month} 值班草稿，其中 ${gaps} 个值班日无人可排，请在“排班”页面处理后发布。`
        : `系统已为 ${stations} 个服务站生成 ${month} 值班草稿，没有空缺，请核对后发布。`,
    }),
    en: ({ month, stations, gaps }) =>
      gaps
        ? {
            title: `Draft roster for ${month} is ready, with ${plural(gaps, 'gap', 'gaps')}`,
            body: `A draft roster for ${month} was made for ${plural(stations, 'station', 'stations')}; ${plural(gaps, 'duty day has', 'duty days have')} nobody available. Deal with them on the “Roster” page, then publish.`,
          }
        : {
            title: `Draft roster for ${month} is ready`,
            body: `A draft roster for ${month} was made for ${plural(stations, 'station', 'stations')}, with no gaps. Check it, then publish.`,
          },
  },
  roster_published: {
    zh: ({ month, duties }) => ({ title: `${month} 值班表已发布`, body: `您在 ${month} 有 ${duties} 个值班日，请在“我的值班”中查看。` }),
    en: ({ month, duties }) => ({ title: `Roster for ${month} published`, body: `You have ${plural(duties, 'duty day', 'duty days')} in ${month}; see “My duty”.` }),
  },
  shift_gained: {
    zh: ({ date, station }) => ({ title: `新增值班：${date}`, body: `${station} ${date} 的值班已安排给您。` }),
    en: ({ date, station }) => ({ title: `New duty: ${date}`, body: `The duty at ${station} on ${date} is now yours.` }),
  },
  shift_lost: {
    zh: ({ date, station }) => ({ title: `值班已调整：${date}`, body: `${station} ${date} 的值班已改由其他律师承担。` }),
    en: ({ date, station }) => ({ title: `Duty changed: ${date}`, body: `The duty at ${station} on ${date} has passed to another lawyer.` }),
  },
  follow_up_reminder: {
    zh: (p) => {
      const lines = followUpLines(p, 'zh');
      return {
        title: `今日回访提醒：${p.calls} 个待回访${p.overdue ? `（其中逾期 ${p.overdue} 个）` : ''}`,
        body: lines.length
          ? `${p.station}今天需要回访的来电：\n${lines.join('\n')}\n请在“热线”页面的回访列表中处理。`
          : `${p.station}今天有 ${p.calls} 个来电需要回访，请在“热线”页面的回访列表中处理。`,
      };
    },
    en: (p) => {
      const lines = followUpLines(p, 'en');
      const calls = plural(p.calls, 'call', 'calls');
      return {
        title: `Call-backs today: ${p.calls} due${p.overdue ? ` (${p.overdue} overdue)` : ''}`,
        body: lines.length
          ? `${p.station} has ${calls} to call back today:\n${lines.join('\n')}\nSee the call-back list on the “Hotline” page.`
          : `${p.station} has ${calls} to call back today. See the call-back list on the “Hotline” page.`,
      };
    },
  },
};

/** A message's title and body in `lang`. */
export function staffText(text: MessageText, lang: Lang): StaffText {
  return (STAFF_TEXT[text.key] as Texts<typeof text.key>)[lang](text.params as never);
}

/** The lines under every notification e-mail: where the system is, and that nobody reads replies. */
export const EMAIL_FOOTER: Record<Lang, (publicBaseUrl: string) => string> = {
  zh: (url) => `职工维权服务站值班系统 ${url}\n此邮件由系统自动发送，请勿直接回复。`,
  en: (url) => `Workers' Rights Service Stations duty system ${url}\nThis e-mail was sent automatically; replies are not read.`,
};

const KNOWN_KEYS = new Set<string>(Object.keys(STAFF_TEXT));

/** A stored message's title and body, and the language they are in. */
export interface ShownText extends StaffText {
  lang: Lang;
}

/**
 * A stored in-app message as a reader in `lang` sees it. Its stored title and body are kept
 * when they are in that language (`payload.lang`; messages from before users had a language
 * are Chinese), so every message reads as it was written; otherwise it is written again from
 * its data (`payload.text`). A message without usable data — older than that data, or of a
 * kind a newer server wrote — shows as stored.
 */
export function shownText(msg: { title: string; body: string; payload: Record<string, unknown> | null }, lang: Lang): ShownText {
  const written: Lang = msg.payload?.lang === 'en' ? 'en' : 'zh';
  const stored = { title: msg.title, body: msg.body, lang: written };
  if (written === lang) return stored;
  const text = msg.payload?.text as MessageText | undefined;
  if (!text || typeof text !== 'object' || !KNOWN_KEYS.has(text.key) || !text.params || typeof text.params !== 'object') return stored;
  try {
    return { ...staffText(text, lang), lang };
  } catch {
    return stored;
  }
}
