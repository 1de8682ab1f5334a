import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Indexes for reading the audit log newest first (GET /api/audit: `ORDER BY at DESC, id
 * DESC`), each filter's rows in that order: one thing's history (entity, entity_id, at),
 * one kind of change (action, at) and one person's doings (user_id, at). `ix_audit_at`
 * stays for the unfiltered list and a date range. The id that breaks ties in `at` rides
 * along in every index (the rowid on SQLite, the primary key on InnoDB).
 * (entity, entity_id, at) replaces (entity, entity_id), which it begins with.
 */
export class AuditLogReading1764401200000 implements MigrationInterface {
  name = 'AuditLogReading1764401200000';

  async up(q: QueryRunner): Promise<void> {
    await q.dropIndex('audit_log', 'ix_audit_entity');
    await q.createIndex('audit_log', new TableIndex({ name: 'ix_audit_entity', columnNames: ['entity', 'entity_id', 'at'] }));
    await q.createIndex('audit_log', new TableIndex({ name: 'ix_audit_action', columnNames: ['action', 'at'] }));
    await q.createIndex('audit_log', new TableIndex({ name: 'ix_audit_user', columnNames: ['user_id', 'at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('audit_log', 'ix_audit_user');
    await q.dropIndex('audit_log', 'ix_audit_action');
    await q.dropIndex('audit_log', 'ix_audit_entity');
    await q.createIndex('audit_log', new TableIndex({ name: 'ix_audit_entity', columnNames: ['entity', 'entity_id'] }));
  }
}
