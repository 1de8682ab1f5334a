/**
 * The access log: every time someone is shown a worker's name and number in full,
 * the audit log keeps who, when, what and through which view — one row per request
 * (the ids in its details), never the personal data itself.
 */
import { recordAudit } from '../audit/audit.js';
import type { AuditEntityKind } from '../audit/auditCatalog.js';
import type { AuthUser } from '../auth/policy.js';
import type { AppContext } from '../context.js';

export const PERSONAL_DATA_VIEW = 'personal_data.view';
/** Ids listed in one access-log row; the count says how many there were. */
const MAX_IDS = 500;

export interface PersonalDataView {
  viewer: AuthUser;
  /** What was shown. */
  entity: Extract<AuditEntityKind, 'appointment' | 'hotline_call' | 'referral' | 'person'>;
  ids: readonly (number | string)[];
  /** The view, e.g. `appointments.list`, `hotline_calls.export`. */
  via: string;
  requestId?: string;
  /** Extra facts without personal data (e.g. a subject's person key). */
  details?: Record<string, unknown>;
}

/** Record one view. Call it after the read (on SQLite a write inside `db.read` would wait on itself). */
export async function logPersonalDataView(ctx: AppContext, v: PersonalDataView): Promise<void> {
  if (v.ids.length === 0 && !v.details) return;
  await ctx.db.tx((m) =>
    recordAudit(m, ctx.clock, {
      actor: v.viewer,
      action: PERSONAL_DATA_VIEW,
      entity: v.entity,
      entityId: v.ids.length === 1 ? v.ids[0] : null,
      details: { via: v.via, count: v.ids.length, ids: v.ids.slice(0, MAX_IDS), ...v.details },
      requestId: v.requestId,
    }),
  );
}
