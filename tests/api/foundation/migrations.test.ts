import { expect, it } from 'vitest';
import { describeEachDb, createTestDatabase } from '../../helpers/db.js';
import { Db } from '../../../server/db/db.js';
import { migrations } from '../../../migrations/index.js';
import { AuditEntity } from '../../../server/audit/audit.entity.js';
import { UserEntity } from '../../../server/auth/users.entity.js';
import { isUniqueViolation } from '../../../server/db/errors.js';

/** Undo the migrations from `name` on (the last applied first); returns their names in the order they apply. */
async function undoFrom(db: Db, name: string): Promise<string[]> {
  const from = migrations.findIndex((m) => m.name === name);
  if (from < 0) throw new Error(`no migration ${name}`);
  const names = migrations.slice(from).map((m) => m.name);
  for (let i = 0; i < names.length; i++) await db.ds.undoLastMigration();
  return names;
}

async function tables(db: Db): Promise<string[]> {
  const rows: Record<string, string>[] =
    db.kind === 'sqlite'
      ? await db.ds.query("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
      : await db.ds.query('SHOW TABLES');
  return rows.map((r) => Object.values(r)[0]!).filter((n) => n !== 'migrations').sort();
}

describeEachDb('migrations', (kind) => {
  it('run up, all the way down, and up again', async () => {
    const t = await createTestDatabase(kind);
    const db = await Db.connect({ url: t.url });
    try {
      const applied = await db.migrate();
      expect(applied).toHaveLength(migrations.length);
      const upTables = await tables(db);
      expect(upTables).toEqual(expect.arrayContaining(['stations', 'lawyers', 'users', 'audit_log', 'calendar_days']));
      for (let i = 0; i < migrations.length; i++) await db.ds.undoLastMigration();
      expect(await tables(db)).toEqual([]);
      await db.migrate();
      expect(await tables(db)).toEqual(upTables);
      expect(await db.migrate()).toEqual([]);
    } finally {
      await db.close();
      await t.drop();
    }
  });

  it('stores the worker’s language on bookings and waitlist places: zh for the rows already there and by default, keeping their seats and indexes', async () => {
    const t = await createTestDatabase(kind);
    const db = await Db.connect({ url: t.url });
    try {
      await db.migrate();
      const redo = await undoFrom(db, 'WorkerLanguage1764401100000');
      const at = '2026-12-01 01:00:00';
      await db.ds.query(
        "INSERT INTO stations (code, name, level, open_hours, created_at, updated_at) VALUES ('LANG-1', '语言测试站', 'district', '[]', ?, ?)",
        [at, at],
      );
      const [{ id: stationId }] = await db.ds.query("SELECT id FROM stations WHERE code = 'LANG-1'");
      const appointment = (code: string) =>
        db.ds.query(
          'INSERT INTO appointments (code, station_id, date, slot_time, start_at, end_at, status, source, name, phone, category, version, created_at, updated_at) ' +
            "VALUES (?, ?, '2026-12-02', '09:00', '2026-12-02 01:00:00', '2026-12-02 01:30:00', 'booked', 'online', '张三', '13800000001', 'other', 1, ?, ?)",
          [code, stationId, at, at],
        );
      await appointment('AAAAA-AAAAA');
      const [{ id: appointmentId }] = await db.ds.query("SELECT id FROM appointments WHERE code = 'AAAAA-AAAAA'");
      await db.ds.query(
        "INSERT INTO appointment_seats (station_id, date, slot_time, seat_no, kind, appointment_id, created_at) VALUES (?, '2026-12-02', '09:00', 1, 'booking', ?, ?)",
        [stationId, appointmentId, at],
      );
      await db.ds.query(
        "INSERT INTO waitlist_entries (code, station_id, date, name, phone, category, status, active_key, created_at, updated_at) VALUES ('WWWWW-WWWWW', ?, '2026-12-02', '李四', '13800000002', 'other', 'waiting', 'k', ?, ?)",
        [stationId, at, at],
      );

      expect(await db.migrate()).toEqual(redo);
      expect(await db.ds.query('SELECT code, lang FROM appointments')).toEqual([{ code: 'AAAAA-AAAAA', lang: 'zh' }]);
      expect(await db.ds.query('SELECT code, lang FROM waitlist_entries')).toEqual([{ code: 'WWWWW-WWWWW', lang: 'zh' }]);
      // SQLite rebuilt the tables to add the column: the seat claim and the unique indexes are still there.
      expect(await db.ds.query('SELECT seat_no FROM appointment_seats WHERE appointment_id = ?', [appointmentId])).toEqual([{ seat_no: 1 }]);
      await expect(appointment('AAAAA-AAAAA')).rejects.toSatisfy(isUniqueViolation);
      // A row written without a language (an older instance during a rolling upgrade) is Chinese.
      await appointment('BBBBB-BBBBB');
      expect(await db.ds.query("SELECT lang FROM appointments WHERE code = 'BBBBB-BBBBB'")).toEqual([{ lang: 'zh' }]);

      await undoFrom(db, 'WorkerLanguage1764401100000');
      await expect(db.ds.query('SELECT lang FROM appointments')).rejects.toThrow(/lang/);
      expect((await db.ds.query('SELECT code FROM appointments ORDER BY code')).map((r: { code: string }) => r.code)).toEqual(['AAAAA-AAAAA', 'BBBBB-BBBBB']);
    } finally {
      await db.close();
      await t.drop();
    }
  });

  it('makes usernames case-insensitive over names that differ only in case: one keeps it, the others are renamed and audited', async () => {
    const t = await createTestDatabase(kind);
    const db = await Db.connect({ url: t.url });
    try {
      await db.migrate();
      const redo = await undoFrom(db, 'CaseInsensitiveUsernames1764401000000');
      // MySQL held the twins apart only through its collation: a database made case-sensitive could hold them too.
      if (kind === 'mysql') await db.ds.query('ALTER TABLE users MODIFY username VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL');
      // Written as SQL: the entity knows the columns later migrations add.
      const add = async (username: string, active = true) => {
        await db.ds.query(
          "INSERT INTO users (username, password_hash, role, display_name, active, created_at) VALUES (?, 'x', 'staff', ?, ?, '2026-12-01 01:00:00')",
          [username, username, active ? 1 : 0],
        );
        const [row] = await db.ds.query('SELECT id FROM users WHERE username = ?', [username]);
        return Number(row.id);
      };
      const retired = await add('Ops', false); // the oldest, but no longer used
      const kept = await add('ops');
      const later = await add('OPS');
      await add(`ops-${later}`); // the name the later one would get is taken already
      const solo = await add('solo');

      expect(await db.migrate()).toEqual(redo);
      const names = new Map((await db.read((m) => m.find(UserEntity))).map((u) => [u.id, u.username]));
      expect(names.get(kept)).toBe('ops');
      expect(names.get(retired)).toBe(`Ops-${retired}`);
      expect(names.get(later)).toBe(`OPS-${later}-2`);
      expect(names.get(solo)).toBe('solo');
      const audit = await db.read((m) => m.find(AuditEntity, { where: { action: 'user.rename' }, order: { id: 'ASC' } }));
      expect(audit.map((a) => [a.entityId, a.details])).toEqual([
        [String(retired), { from: 'Ops', to: `Ops-${retired}`, keptBy: kept }],
        [String(later), { from: 'OPS', to: `OPS-${later}-2`, keptBy: kept }],
      ]);
      expect(audit[0]).toMatchObject({ userId: null, entity: 'user', at: expect.any(Date) });
      // From now on the database refuses a twin, on either kind.
      await expect(add('SOLO')).rejects.toSatisfy(isUniqueViolation);
    } finally {
      await db.close();
      await t.drop();
    }
  });

  it('gives every account a language, zh for the accounts already there and by default, keeping the one-name and one-lawyer indexes', async () => {
    const t = await createTestDatabase(kind);
    const db = await Db.connect({ url: t.url });
    try {
      await db.migrate();
      const redo = await undoFrom(db, 'StaffLanguage1764401300000');
      const at = '2026-12-01 01:00:00';
      await db.ds.query("INSERT INTO lawyers (name, phone, firm, specialties, active, created_at, updated_at) VALUES ('王律师', '13800000009', '律所', '[]', 1, ?, ?)", [at, at]);
      const [{ id: lawyerId }] = await db.ds.query("SELECT id FROM lawyers WHERE name = '王律师'");
      const user = (username: string, lawyer: number | null = null) =>
        db.ds.query(
          "INSERT INTO users (username, password_hash, role, display_name, lawyer_id, active, created_at) VALUES (?, 'x', ?, ?, ?, 1, ?)",
          [username, lawyer ? 'lawyer' : 'staff', username, lawyer, at],
        );
      await user('Desk');
      await user('wang', lawyerId);

      expect(await db.migrate()).toEqual(redo);
      expect(await db.ds.query('SELECT username, lang FROM users ORDER BY username')).toEqual([
        { username: 'Desk', lang: 'zh' },
        { username: 'wang', lang: 'zh' },
      ]);
      // The column came without rebuilding away the indexes: a case twin and a second account of the lawyer are refused.
      await expect(user('DESK')).rejects.toSatisfy(isUniqueViolation);
      await expect(user('wang2', lawyerId)).rejects.toSatisfy(isUniqueViolation);
      // A row written without a language (an older instance during a rolling upgrade) is Chinese.
      await user('later');
      expect(await db.ds.query("SELECT lang FROM users WHERE username = 'later'")).toEqual([{ lang: 'zh' }]);
      await db.ds.query("UPDATE users SET lang = 'en' WHERE username = 'later'");

      await undoFrom(db, 'StaffLanguage1764401300000');
      await expect(db.ds.query('SELECT lang FROM users')).rejects.toThrow(/lang/);
      expect((await db.ds.query('SELECT username FROM users ORDER BY username')).map((r: { username: string }) => r.username)).toEqual(['Desk', 'later', 'wang']);
      await expect(user('DESK')).rejects.toSatisfy(isUniqueViolation);
      await expect(user('wang3', lawyerId)).rejects.toSatisfy(isUniqueViolation);
    } finally {
      await db.close();
      await t.drop();
    }
  });
});
