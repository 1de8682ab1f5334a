import crypto from 'node:crypto';
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { column, datetime, flag, str } from './helpers.js';

/** The same as server/privacy/personKey.ts, frozen here: a migration must not change with the code. */
const SECRET_NAME = 'privacy.person_key_secret';
function identity(phone: string): string | null {
  const digits = phone.normalize('NFKC').replace(/\D/g, '');
  if (digits === '') return null;
  for (const prefix of ['0086', '86']) {
    if (digits.startsWith(prefix) && /^1[3-9]\d{9}$/.test(digits.slice(prefix.length))) return digits.slice(prefix.length);
  }
  return digits;
}
const keyOf = (secret: string, phone: string) => {
  const id = identity(phone);
  return id === null ? null : crypto.createHmac('sha256', secret).update(`phone:${id}`).digest('hex');
};

/** Tables holding a worker's phone number, and its column. */
const PEOPLE_TABLES: [table: string, phoneColumn: string][] = [
  ['appointments', 'phone'],
  ['waitlist_entries', 'phone'],
  ['hotline_calls', 'caller_phone'],
  ['referrals', 'worker_phone'],
];

/**
 * Privacy by design: a per-installation secret (in `settings`), a `person_key` on
 * every record about a worker (a keyed hash of the phone, so statistics count
 * people without their numbers), `pseudonymized_at` to mark records whose personal
 * data was removed, and whether a hotline caller consented to their name and
 * number being recorded. Existing rows get their person key here.
 */
export class Privacy1764400600000 implements MigrationInterface {
  name = 'Privacy1764400600000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'settings',
        columns: [str('name', 64, { isPrimary: true }), str('value', 255), datetime('created_at')],
      }),
    );
    const secret = crypto.randomBytes(32).toString('base64url');
    await q.query('INSERT INTO settings (name, value, created_at) VALUES (?, ?, ?)', [SECRET_NAME, secret, nowUtc()]);

    for (const [table, phone] of PEOPLE_TABLES) {
      const extra = table === 'hotline_calls' ? [column(flag('caller_consent', false))] : [];
      await q.addColumns(table, [
        column(str('person_key', 64, { isNullable: true })),
        column(datetime('pseudonymized_at', { isNullable: true })),
        ...extra,
      ]);
      await q.createIndex(table, new TableIndex({ name: `ix_${table}_person_key`, columnNames: ['person_key'] }));
      const rows: { id: number; phone: string }[] = await q.query(
        `SELECT id, ${phone} AS phone FROM ${table} WHERE ${phone} IS NOT NULL AND ${phone} <> ''`,
      );
      for (const r of rows) {
        await q.query(`UPDATE ${table} SET person_key = ? WHERE id = ?`, [keyOf(secret, String(r.phone)), r.id]);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table] of [...PEOPLE_TABLES].reverse()) {
      await q.dropIndex(table, `ix_${table}_person_key`);
      if (table === 'hotline_calls') await q.dropColumn(table, 'caller_consent');
      await q.dropColumn(table, 'pseudonymized_at');
      await q.dropColumn(table, 'person_key');
    }
    await q.dropTable('settings');
  }
}

/** `YYYY-MM-DD HH:mm:ss` in UTC: how both drivers store datetimes here. */
function nowUtc(): string {
  return new Date().toISOString().slice(0, 19).replace('T', ' ');
}
