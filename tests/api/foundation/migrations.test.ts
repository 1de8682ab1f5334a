import { expect, it } from 'vitest';
import { describeEachDb, createTestDatabase } from '../../helpers/db.js';
import { Db } from '../../../server/db/db.js';
import { migrations } from '../../../migrations/index.js';

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
});
