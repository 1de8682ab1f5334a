/**
 * Staff notifications in English. The server writes each message in Chinese (the
 * network's language, and what SMS and e-mail carry) and stores it as data beside
 * (`payload.text`, server/notifications/messageText.ts); an English reader's bell renders
 * it from that. A message without it (written before, or of a kind not listed) shows as
 * stored.
 */
import { MESSAGE_TEXT_KEYS, type MessageText, type SwapTextParams } from '../../../../server/notifications/messageText';

export interface ShownText {
  title: string;
  body: string;
}

const plural = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;
const inParens = (v: string | null) => (v ? ` (${v})` : '');
const afterColon = (v: string | null) => (v ? `: ${v}` : '');

function swapText(key: Extract<MessageText, { params: SwapTextParams }>['key'], p: SwapTextParams): ShownText {
  const day = `${p.date} ${p.station}`;
  const dayAt = `${p.date} at ${p.station}`;
  const other = p.otherDate ? `${p.otherDate} at ${p.otherStation ?? ''}` : null;
  const to = p.to ?? '';
  switch (key) {
    case 'swap_requested':
      return other
        ? {
            title: `Swap request: ${day} ⇄ ${p.otherDate} ${p.otherStation ?? ''}`,
            body: `${p.from} would like to exchange the duty on ${dayAt} for yours on ${other}${inParens(p.note)}. Accept it under “My duty”.`,
          }
        : { title: `Swap request: ${day}`, body: `${p.from} would like to hand the duty on ${dayAt} over to you${inParens(p.note)}. Accept it under “My duty”.` };
    case 'swap_offer':
      return { title: `Duty up for grabs: ${day}`, body: `${p.from} cannot attend the duty on ${dayAt}; you can take it over${inParens(p.note)}. The first to accept gets it.` };
    case 'swap_offer_reminder':
      return { title: `Still not taken: ${day}`, body: `Nobody has taken over the duty on ${dayAt} that ${p.from} handed over. If you can attend, accept it under “My duty”.` };
    case 'swap_accepted':
      return { title: `${to} accepted the swap: ${day}`, body: `${to} accepted your swap request for ${dayAt}.` };
    case 'swap_accepted_pending':
      return { title: `${to} accepted the swap: ${day}`, body: `${to} accepted your swap request for ${dayAt}; it now awaits a coordinator's approval.` };
    case 'swap_awaiting_approval':
      return { title: `Swap awaiting approval: ${day}`, body: `${p.from} → ${to}: ${day}${p.otherDate ? ` ⇄ ${p.otherDate} ${p.otherStation ?? ''}` : ''}. Both agreed; please approve or reject.` };
    case 'swap_applied':
      return {
        title: `Swap in effect: ${day}`,
        body: other ? `${p.from} and ${to} have exchanged the duties on ${dayAt} and ${other}.` : `The duty on ${dayAt} has passed from ${p.from} to ${to}.`,
      };
    case 'swap_rejected':
      return { title: `Swap not approved: ${day}`, body: `The swap request for ${dayAt} was not approved${afterColon(p.decisionNote)}. The roster stays as it was.` };
    case 'swap_declined':
      return {
        title: `${to} cannot take the duty: ${day}`,
        body: `${to} declined your swap request for ${dayAt}${afterColon(p.decisionNote)}. The roster stays as it was; you can ask another colleague or offer the duty to everyone.`,
      };
    case 'swap_cancelled':
      return { title: `Swap withdrawn: ${day}`, body: `The swap request for ${dayAt} was withdrawn${inParens(p.reason)}. The roster stays as it was.` };
    case 'swap_expired':
      return { title: `Swap expired: ${day}`, body: `The swap request for ${dayAt} was not completed before the duty day and has expired.` };
  }
}

export function englishText(text: MessageText): ShownText {
  switch (text.key) {
    case 'roster_drafted': {
      const { month, stations, gaps } = text.params;
      return gaps
        ? {
            title: `Draft roster for ${month} is ready, with ${plural(gaps, 'gap', 'gaps')}`,
            body: `A draft roster for ${month} was made for ${plural(stations, 'station', 'stations')}; ${plural(gaps, 'duty day has', 'duty days have')} nobody available. Deal with them on the “Roster” page, then publish.`,
          }
        : {
            title: `Draft roster for ${month} is ready`,
            body: `A draft roster for ${month} was made for ${plural(stations, 'station', 'stations')}, with no gaps. Check it, then publish.`,
          };
    }
    case 'roster_published': {
      const { month, duties } = text.params;
      return { title: `Roster for ${month} published`, body: `You have ${plural(duties, 'duty day', 'duty days')} in ${month}; see “My duty”.` };
    }
    case 'shift_gained':
      return { title: `New duty: ${text.params.date}`, body: `The duty at ${text.params.station} on ${text.params.date} is now yours.` };
    case 'shift_lost':
      return { title: `Duty changed: ${text.params.date}`, body: `The duty at ${text.params.station} on ${text.params.date} has passed to another lawyer.` };
    case 'follow_up_reminder': {
      const { station, calls, overdue } = text.params;
      return {
        title: `Call-backs today: ${calls} due${overdue ? ` (${overdue} overdue)` : ''}`,
        body: `${station} has ${plural(calls, 'call', 'calls')} to call back today. See the call-back list on the “Hotline” page.`,
      };
    }
    default:
      return swapText(text.key, text.params);
  }
}

const KEYS = new Set<string>(MESSAGE_TEXT_KEYS);

/** A message's text as the reader should see it: in English from `payload.text` where it can, else as stored. */
export function shownText(msg: { title: string; body: string; payload: Record<string, unknown> }, lang: string): ShownText {
  const text = msg.payload.text as MessageText | undefined;
  if (!lang.startsWith('en') || !text || typeof text !== 'object' || !KEYS.has(text.key) || !text.params || typeof text.params !== 'object') {
    return { title: msg.title, body: msg.body };
  }
  try {
    return englishText(text);
  } catch {
    return { title: msg.title, body: msg.body };
  }
}
