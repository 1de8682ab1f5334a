/** The audit log: who changed what, when, and why. Written in the same transaction as the change. */
import type { Clock } from '../context.js';
import type { Manager } from '../db/db.js';
import type { AuthUser } from '../auth/policy.js';
import { AuditEntity } from './audit.entity.js';
import type { AuditAction, AuditEntityKind } from './auditCatalog.js';

export interface AuditEntry {
  /** Who did it (null: the worker or the system). */
  actor: Pick<AuthUser, 'id' | 'username'> | null;
  /** One of auditCatalog's actions: the activity-log page words each (client/src/i18n/audit.*.ts). */
  action: AuditAction;
  entity: AuditEntityKind;
  entityId?: number | string | null;
  details?: Record<string, unknown>;
  requestId?: string;
}

export async function recordAudit(m: Manager, clock: Clock, e: AuditEntry): Promise<void> {
  await m.insert(AuditEntity, {
    at: clock.now(),
    userId: e.actor?.id ?? null,
    username: e.actor?.username ?? null,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId == null ? null : String(e.entityId),
    details: (e.details ?? null) as never,
    requestId: e.requestId ?? null,
  });
}
