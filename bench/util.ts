import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Db } from '../server/db/db.js';
import { mysql2Options, mysqlTargetOf } from '../server/db/mysqlUrl.js';

export async function timeIt<T>(runs: number, fn: () => T | Promise<T>): Promise<number[]> {
  const out: number[] = [];
  await fn(); // warm-up
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const v = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return Math.round(v * 10) / 10;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

export function report(title: string, rows: Record<string, string | number>[]) {
  console.log(`\n## ${title}\n`);
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  console.log(`| ${cols.join(' | ')} |`);
  console.log(`| ${cols.map(() => '---').join(' | ')} |`);
  for (const r of rows) console.log(`| ${cols.map((c) => String(r[c] ?? '')).join(' | ')} |`);
}

/** A fresh migrated database for a benchmark: `sqlite::temp:` or a MySQL URL (a new database is created in it and dropped). */
export async function withBenchDb<T>(url: string, fn: (db: Db, url: string) => Promise<T>): Promise<T> {
  const suffix = crypto.randomBytes(4).toString('hex');
  let realUrl = url;
  let cleanup = async () => {};
  if (url === 'sqlite::temp:') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyroster-bench-'));
    realUrl = `sqlite:${path.join(dir, 'bench.sqlite')}`;
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const mysql = await import('mysql2/promise');
    const u = new URL(url);
    const name = `dr_bench_${suffix}`;
    const server = mysql2Options(mysqlTargetOf(url), false);
    const admin = await mysql.createConnection(server);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    u.pathname = `/${name}`;
    realUrl = u.toString();
    cleanup = async () => {
      const c = await mysql.createConnection(server);
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    };
  }
  const db = await Db.connect({ url: realUrl, poolSize: 20 });
  try {
    await db.migrate();
    return await fn(db, realUrl);
  } finally {
    await db.close();
    await cleanup();
  }
}
