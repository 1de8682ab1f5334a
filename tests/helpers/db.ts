/**
 * Test databases built by the real migrations: SQLite always, MySQL/MariaDB too
 * when TEST_DATABASE_URL is set (CI always sets it). Each test file gets its own
 * database, so no test depends on another's data.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { describe } from 'vitest';
import { Db } from '../../server/db/db.js';
import { mysql2Options, mysqlTargetOf } from '../../server/db/mysqlUrl.js';

export type DbKind = 'sqlite' | 'mysql';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export const DB_KINDS: DbKind[] = TEST_DATABASE_URL ? ['sqlite', 'mysql'] : ['sqlite'];

/** Run the same suite on every database under test. */
export function describeEachDb(name: string, fn: (kind: DbKind) => void): void {
  for (const kind of DB_KINDS) describe(`${name} [${kind}]`, () => fn(kind));
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function mysqlAdmin<T>(fn: (c: import('mysql2/promise').Connection) => Promise<T>): Promise<T> {
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection(mysql2Options(mysqlTargetOf(TEST_DATABASE_URL!), false));
  try {
    return await fn(conn);
  } finally {
    await conn.end();
  }
}

/** A fresh, empty database (no tables yet). */
export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  const suffix = `${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyroster-test-'));
    const file = path.join(dir, `test_${suffix}.sqlite`);
    return { url: `sqlite:${file}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `dr_test_${suffix}`;
  await mysqlAdmin((c) => c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`));
  const u = new URL(TEST_DATABASE_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: () => mysqlAdmin((c) => c.query(`DROP DATABASE IF EXISTS \`${name}\``)).then(() => undefined),
  };
}

/** A migrated database and its handle. */
export async function createMigratedDb(kind: DbKind, poolSize?: number): Promise<{ db: Db; url: string; drop: () => Promise<void> }> {
  const t = await createTestDatabase(kind);
  const db = await Db.connect({ url: t.url, poolSize });
  await db.migrate();
  return {
    db,
    url: t.url,
    drop: async () => {
      await db.close();
      await t.drop();
    },
  };
}
