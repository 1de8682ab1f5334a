import { afterAll, beforeAll, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DB_KINDS, describeEachDb, createMigratedDb } from '../../helpers/db.js';
import { setupDemoApp, type TestApp } from '../../helpers/app.js';
import { backupTo, restoreFrom, RestoreError } from '../../../server/ops/backup.js';
import type { Db } from '../../../server/db/db.js';

async function counts(db: Db): Promise<Record<string, number>> {
  const names: string[] =
    db.kind === 'sqlite'
      ? (await db.ds.query("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('migrations','sessions')")).map((r: { name: string }) => r.name)
      : (await db.ds.query('SHOW TABLES')).map((r: Record<string, string>) => Object.values(r)[0]!).filter((n: string) => !['migrations', 'sessions'].includes(n));
  const out: Record<string, number> = {};
  for (const n of names.sort()) out[n] = Number((await db.ds.query(`SELECT COUNT(*) AS c FROM ${db.kind === 'mysql' ? `\`${n}\`` : n}`))[0].c);
  return out;
}

describeEachDb('backup and restore', (kind) => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await setupDemoApp(kind, { now: '2026-11-29T10:00:00+08:00', env: { DEMO_PASSWORD: 'demo-password-1' } });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyroster-backup-'));
  }, 120_000);
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const target of DB_KINDS) {
    it(`restores a ${kind} backup into a fresh ${target} database with every row and the same figures`, async () => {
      const file = path.join(dir, `${kind}-to-${target}.jsonl.gz`);
      const { rows } = await backupTo(t.db, file);
      expect(rows).toBeGreaterThan(300);
      const fresh = await createMigratedDb(target);
      try {
        const restored = await restoreFrom(fresh.db, file);
        expect(restored.rows).toBe(rows);
        expect(await counts(fresh.db)).toEqual(await counts(t.db));
        // The restored data works: the same roster and the same statistics through the services.
        const { RostersService } = await import('../../../server/rosters/rosters.service.js');
        const ctx2 = { ...t.ctx, db: fresh.db };
        const coordinator = { id: 1, username: 'c', role: 'coordinator' as const, displayName: 'c', lawyerId: null, stationId: null };
        const a = await new RostersService(t.ctx).getRoster('2026-12', undefined, coordinator);
        const b = await new RostersService(ctx2).getRoster('2026-12', undefined, coordinator);
        expect(b.shifts.map((s) => [s.date, s.stationId, s.lawyerId])).toEqual(a.shifts.map((s) => [s.date, s.stationId, s.lawyerId]));
        await expect(restoreFrom(fresh.db, file)).rejects.toBeInstanceOf(RestoreError);
      } finally {
        await fresh.drop();
      }
    }, 120_000);
  }
});
