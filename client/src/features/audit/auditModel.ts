/**
 * An audit entry in words: its action's label, who did it, what it is about, and its
 * details as labelled lines ("律师：王建国 → 李秀英", "原因：出庭") instead of JSON. What a
 * detail's value is (a lawyer's id, a date, a status…) comes from the server's catalogue
 * (auditCatalog.detailKind); the names of lawyers and stations come with the entry.
 */
import { AUDIT_ACTIONS, AUDIT_ENTITIES, detailKind, type DetailKind } from '../../../../server/audit/auditCatalog';
import type { AuditEntry } from '../../api/client';
import { formatInputDate, networkParts } from '../../lib/dates';

/** What the model needs of i18next: a translation, whether a key has one, the language. */
export interface Wording {
  t: (key: string, options?: Record<string, unknown>) => string;
  exists: (key: string) => boolean;
  lang: string;
}

export interface DetailLine {
  label: string;
  value: string;
  /** Personal data the server left out: shown as a note, not a value. */
  withheld?: boolean;
}

export const ACTIONS = AUDIT_ACTIONS;
export const ENTITIES = AUDIT_ENTITIES;

/** The label of an action (`audit.action.shift.reassign`), or the action itself for one the client does not know. */
export function actionLabel(action: string, w: Wording): string {
  const key = `audit.action.${action}`;
  return w.exists(key) ? w.t(key) : action;
}

export function entityLabel(entity: string, w: Wording): string {
  const key = `audit.entity.${entity}`;
  return w.exists(key) ? w.t(key) : entity;
}

/** The actions about one kind of thing (all of them without one), for the filter. */
export function actionsFor(entity: string | undefined): string[] {
  return ACTIONS.filter((a) => !entity || a.startsWith(`${entity}.`) || (entity === 'person' && a.startsWith('personal_data.')) || (entity === 'user' && a.startsWith('calendar_token.')));
}

/** Who did it: the account's name (and username), the worker themself, or the system. */
export function actorOf(e: AuditEntry, w: Wording): { name: string; username: string | null } {
  if (e.actorName || e.username) return { name: e.actorName ?? e.username!, username: e.actorName && e.username !== e.actorName ? e.username : null };
  // Without an account: a worker's own cancel or move from /booking, else a scheduled job, the demo or a migration.
  const worker = e.action === 'appointment.cancel' || e.action === 'appointment.reschedule';
  return { name: w.t(worker ? 'audit.list.worker' : 'audit.list.system'), username: null };
}

/** `2026-12-03 09:00` in the network's time zone. */
export function networkDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const { date, time } = networkParts(d);
  return `${date} ${time}`;
}

/** Words for the values of some keys, from the strings the other pages already have. */
const VALUE_WORDS: Record<string, string> = {
  category: 'category',
  outcome: 'hotline.outcome',
  previousOutcome: 'hotline.outcome',
  stage: 'hotline.stage',
  result: 'hotline.referralResult',
  role: 'roles',
  type: 'swaps.type',
  kind: 'closures.kind',
  level: 'level',
  lang: 'users.langName',
};

/** Keys worded differently in one action (a superseded swap's `by` is the swap that took its place). */
const LABELS_BY_ACTION: Record<string, Record<string, string>> = {
  'swap.supersede': { by: 'supersededBy' },
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Lists longer than this are cut, with "and n more". */
const LIST_LIMIT = 10;

export function detailLines(e: AuditEntry, w: Wording): DetailLine[] {
  const d = e.details ?? {};
  const { t } = w;
  const sep = w.lang === 'en' ? ', ' : '、';
  const lastKey = (path: string) => path.slice(path.lastIndexOf('.') + 1);
  const field = (key: string) => {
    const own = LABELS_BY_ACTION[e.action]?.[key] ?? key;
    return w.exists(`audit.field.${own}`) ? t(`audit.field.${own}`) : key;
  };
  const named = (names: Record<string, string>, v: unknown) => names[String(v)] ?? `#${String(v)}`;

  const list = (items: string[]) =>
    items.length > LIST_LIMIT ? `${items.slice(0, LIST_LIMIT).join(sep)} ${t('audit.more', { count: items.length - LIST_LIMIT })}` : items.join(sep);

  const value = (v: unknown, path: string, kind: DetailKind = detailKind(e.action, path)): string => {
    if (v === null || v === undefined || v === '') return t('audit.empty');
    const key = lastKey(path);
    switch (kind) {
      case 'lawyer':
        return named(e.names.lawyers, v);
      case 'station':
        return named(e.names.stations, v);
      case 'lawyers':
        return Array.isArray(v) ? list(v.map((x) => named(e.names.lawyers, x))) : named(e.names.lawyers, v);
      case 'stations':
        return Array.isArray(v) ? list(v.map((x) => named(e.names.stations, x))) : named(e.names.stations, v);
      case 'date':
        return typeof v === 'string' ? formatInputDate(v, w.lang) || v : String(v);
      case 'instant':
        return typeof v === 'string' ? networkDateTime(v) : String(v);
      case 'status':
        return w.exists(`audit.status.${String(v)}`) ? t(`audit.status.${String(v)}`) : String(v);
      case 'fields':
        return Array.isArray(v) ? list(v.map((f) => field(String(f)))) : String(v);
      default:
        break;
    }
    if (typeof v === 'boolean') return t(v ? 'audit.yes' : 'audit.no');
    if (typeof v === 'number') return /Id$/.test(key) || LABELS_BY_ACTION[e.action]?.[key] === 'supersededBy' ? `#${v}` : v.toLocaleString(w.lang);
    if (typeof v === 'string') {
      const words = VALUE_WORDS[key];
      return words && w.exists(`${words}.${v}`) ? t(`${words}.${v}`) : v;
    }
    if (Array.isArray(v)) return list(v.map((x) => (isRecord(x) ? JSON.stringify(x) : /Ids$/.test(key) ? `#${String(x)}` : value(x, path, 'plain'))));
    if (isRecord(v)) {
      const parts = Object.entries(v).map(([k, x]) => `${field(k)} ${value(x, `${path}.${k}`)}`);
      return parts.join(w.lang === 'en' ? '; ' : '；');
    }
    return String(v);
  };
  const change = (from: string, to: string) => t('audit.changedTo', { from, to });

  const lines: DetailLine[] = [];
  const used = new Set<string>();
  const withheld = new Set(e.withheld);

  if ('from' in d && 'to' in d) {
    const kind = detailKind(e.action, 'from');
    const pair = (['lawyer', 'station', 'instant', 'date', 'status'] as const).find((k) => k === kind) ?? 'plain';
    lines.push({ label: t(`audit.pair.${pair}`), value: change(value(d.from, 'from'), value(d.to, 'to')) });
    used.add('from').add('to');
  }
  if (Array.isArray(d.changed) && isRecord(d.before) && isRecord(d.after)) {
    const [before, after] = [d.before, d.after];
    for (const f of d.changed.map(String)) {
      const hidden = withheld.has(`before.${f}`) || withheld.has(`after.${f}`);
      lines.push(
        hidden
          ? { label: field(f), value: t('audit.withheldValue'), withheld: true }
          : { label: field(f), value: change(value(before[f], `before.${f}`), value(after[f], `after.${f}`)) },
      );
    }
    used.add('changed').add('before').add('after');
  }
  if (Array.isArray(d.moves)) {
    for (const mv of d.moves.filter(isRecord)) {
      lines.push({ label: t('audit.move', { id: mv.shiftId }), value: change(value(mv.from, 'moves.from'), value(mv.to, 'moves.to')) });
    }
    used.add('moves');
  }
  for (const [k, v] of Object.entries(d)) {
    if (used.has(k) || v === null || v === undefined) continue;
    // An access-log entry's ids repeat its count; the count says enough.
    if (k === 'ids' && 'count' in d) continue;
    lines.push({ label: field(k), value: value(v, k) });
  }
  for (const path of e.withheld.filter((p) => !p.startsWith('before.') && !p.startsWith('after.'))) {
    lines.push({ label: field(lastKey(path)), value: t('audit.withheldValue'), withheld: true });
  }
  return lines;
}

/** The page's filters as they stand in the address (`/audit?entity=shift&entityId=12`). */
export interface AuditFilters {
  from?: string;
  to?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  username?: string;
  /** Views of personal data are left out unless asked for: the desk's lists would crowd out every change. */
  views: boolean;
  page: number;
}

const PARAMS = ['from', 'to', 'entity', 'entityId', 'action', 'username'] as const;

export function filtersOf(params: URLSearchParams): AuditFilters {
  const f: AuditFilters = { views: params.get('views') === 'include', page: Math.max(1, Number(params.get('page')) || 1) };
  for (const k of PARAMS) {
    const v = params.get(k)?.trim();
    if (v) f[k] = v;
  }
  // An id means nothing without the kind of thing it belongs to.
  if (!f.entity) delete f.entityId;
  return f;
}

/** A link to one thing's history on the activity log. */
export const historyPath = (entity: string, id: number | string) => `/audit?entity=${encodeURIComponent(entity)}&entityId=${encodeURIComponent(String(id))}`;
