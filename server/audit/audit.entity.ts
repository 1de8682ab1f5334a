import { EntitySchema } from 'typeorm';
import { idColumn, jsonText } from '../db/columns.js';

export interface AuditRow {
  id: number;
  at: Date;
  userId: number | null;
  username: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  details: Record<string, unknown> | null;
  requestId: string | null;
}

export const AuditEntity = new EntitySchema<AuditRow>({
  name: 'Audit',
  tableName: 'audit_log',
  columns: {
    id: idColumn,
    at: { type: 'datetime' },
    userId: { type: 'integer', name: 'user_id', nullable: true },
    username: { type: 'varchar', length: 64, nullable: true },
    action: { type: 'varchar', length: 64 },
    entity: { type: 'varchar', length: 32 },
    entityId: { type: 'varchar', length: 64, name: 'entity_id', nullable: true },
    details: { type: 'text', nullable: true, transformer: jsonText },
    requestId: { type: 'varchar', length: 64, name: 'request_id', nullable: true },
  },
});
