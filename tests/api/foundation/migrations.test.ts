import { expect, it } from 'vitest';
import { describeEachDb, createTestDatabase } from '../../helpers/db.js';
import { Db } from '../../../server/db/db.js';
import { migrations } from '../../../migrations/index.js';
import { AuditEntity } from '../../../server/audit/audit.entity.js';
import { UserEntity } from '../../../server/auth/users.entity.js';
import { isUniqueViolation } from '../../../server/db/errors.js';

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

  it('makes usernames case-insensitive over names that differ only in case: one keeps it, the others are renamed and audited', async () => {
    const t = await createTestDatabase(kind);
    const db = await Db.connect({ url: t.url });
    try {
      await db.migrate();
      await db.ds.undoLastMigration(); // back to before CaseInsensitiveUsernames
      // MySQL held the twins apart only through its collation: a database made case-sensitive could hold them too.
      if (kind === 'mysql') await db.ds.query('ALTER TABLE users MODIFY username VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL');
      const add = (username: string, active = true) =>
        db.tx(async (m) => {
          const row = { username, passwordHash: 'x', role: 'staff' as const, displayName: username, lawyerId: null, stationId: null, calendarToken: null, email: null, active, createdAt: new Date() };
          return (await m.save(UserEntity, row)).id;
        });
      const retired = await add('Ops', false); // the oldest, but no longer used
      const kept = await add('ops');
      const later = await add('OPS');
      await add(`ops-${later}`); // the name the later one would get is taken already
      const solo = await add('solo');

      expect(await db.migrate()).toEqual(['CaseInsensitiveUsernames1764401000000']);
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
});
