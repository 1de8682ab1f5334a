/**
 * What the audit log can say: every action recordAudit writes, the kinds of thing it is
 * about, and what each key of an entry's details refers to (a lawyer's id, a station's id,
 * a date…). Pure and free of server imports: the activity-log page reads it too, to word
 * an entry, and the server to know which ids to name.
 */

export const AUDIT_ACTIONS = [
  'appointment.cancel',
  'appointment.checked_in',
  'appointment.completed',
  'appointment.no_show',
  'appointment.reschedule',
  'appointment.walk_in',
  'calendar_day.create',
  'calendar_day.delete',
  'calendar_day.sweep',
  'calendar_token.create',
  'calendar_token.rotate',
  'hotline_call.book',
  'hotline_call.create',
  'hotline_call.follow_up_attempt',
  'hotline_call.follow_up_done',
  'hotline_call.update',
  'lawyer.create',
  'lawyer.update',
  'personal_data.erase',
  'personal_data.retention',
  'personal_data.view',
  'referral.accept',
  'referral.close',
  'referral.create',
  'roster.generate',
  'roster.publish',
  'roster.regenerate_published',
  'rotation.create',
  'rotation.delete',
  'rotation.update',
  'shift.create',
  'shift.delete',
  'shift.reassign',
  'station.create',
  'station.update',
  'swap.accept',
  'swap.apply',
  'swap.cancel',
  'swap.decline',
  'swap.expire',
  'swap.reject',
  'swap.request',
  'swap.supersede',
  'unavailability.create',
  'unavailability.delete',
  'user.activate',
  'user.create',
  'user.deactivate',
  'user.rename',
  'user.update',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ENTITIES = [
  'appointment',
  'calendar_day',
  'hotline_call',
  'lawyer',
  'person',
  'referral',
  'roster',
  'rotation',
  'shift',
  'station',
  'swap',
  'unavailability',
  'user',
] as const;
export type AuditEntityKind = (typeof AUDIT_ENTITIES)[number];

/**
 * What a value in an entry's details is: an id to show by name (`lawyer`, `station`, and
 * lists of them), a local date, an instant, a status word, the names of changed fields, or
 * anything else (`plain`).
 */
export type DetailKind = 'lawyer' | 'lawyers' | 'station' | 'stations' | 'date' | 'instant' | 'status' | 'fields' | 'plain';

/** By key, whatever the action (the last part of a path: `before.stationId` is a station). */
const BY_KEY: Record<string, DetailKind> = {
  stationId: 'station',
  station: 'station',
  parentId: 'station',
  stationIds: 'stations',
  lawyerId: 'lawyer',
  lawyerIds: 'lawyers',
  date: 'date',
  dueDate: 'date',
  nextDate: 'date',
  followUpDate: 'date',
  receivedDate: 'date',
  today: 'date',
  start: 'instant',
  receivedAt: 'instant',
  followUpDoneAt: 'instant',
  cutoff: 'instant',
  status: 'status',
  statusBefore: 'status',
  changed: 'fields',
};

const FROM_TO_STATUS = { from: 'status', to: 'status' } as const;

/** Where a key means something else in one action (`from` is a lawyer, a station, a time or a status). */
const BY_ACTION: Partial<Record<AuditAction, Record<string, DetailKind>>> = {
  'shift.reassign': { from: 'lawyer', to: 'lawyer' },
  'swap.request': { from: 'lawyer', to: 'lawyer' },
  'swap.accept': { by: 'lawyer' },
  'swap.decline': { by: 'lawyer' },
  'swap.apply': { 'moves.from': 'lawyer', 'moves.to': 'lawyer' },
  'referral.create': { from: 'station', to: 'station' },
  'appointment.reschedule': { from: 'instant', to: 'instant' },
  'appointment.cancel': { from: 'status' },
  'appointment.checked_in': FROM_TO_STATUS,
  'appointment.completed': FROM_TO_STATUS,
  'appointment.no_show': FROM_TO_STATUS,
  'unavailability.create': { from: 'date', to: 'date' },
  'unavailability.delete': { from: 'date', to: 'date' },
};

/** What the value at `path` (keys joined by dots, array positions left out: `moves.from`) of an entry's details is. */
export function detailKind(action: string, path: string): DetailKind {
  const own = BY_ACTION[action as AuditAction]?.[path];
  if (own) return own;
  return BY_KEY[path.slice(path.lastIndexOf('.') + 1)] ?? 'plain';
}

export const isAuditAction = (s: string): s is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(s);
