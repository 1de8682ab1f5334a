/**
 * Logical backups that restore on either database: every table's rows as JSON
 * lines (gzip), in migration order, with the migration list so a restore knows
 * the schema matches. For large MySQL installations `mysqldump --single-transaction`
 * is faster (docs/deployment.md); this one is the portable, tested path, and it
 * also moves a district from SQLite to MySQL.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import type { Db, Manager } from '../db/db.js';

interface Header {
  format: 'dutyroster-backup';
  version: 1;
  createdAt: string;
  source: string;
  migrations: string[];
  tables: string[];
}

const SKIP_TABLES = new Set(['migrations', 'sessions']);
/** Tables a migration fills (the installation's secret): the backup's rows replace them. */
const REPLACED_TABLES = new Set(['settings']);

function q(db: Db, name: string) {
  return db.kind === 'mysql' ? `\`${name}\`` : `"${name}"`;
}

/** Tables in an order that satisfies foreign keys (parents first), from the live schema. */
async function tablesInOrder(db: Db): Promise<string[]> {
  const names: string[] =
    db.kind === 'sqlite'
      ? (await db.ds.query("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")).map((r: { name: string }) => r.name)
      : (await db.ds.query('SHOW TABLES')).map((r: Record<string, string>) => Object.values(r)[0]!);
  const tables = names.filter((n) => !SKIP_TABLES.has(n)).sort();
  const deps = new Map<string, Set<string>>();
  for (const t of tables) {
    const refs: string[] =
      db.kind === 'sqlite'
        ? (await db.ds.query(`PRAGMA foreign_key_list("${t}")`)).map((r: { table: string }) => r.table)
        : (
            await db.ds.query(
              'SELECT REFERENCED_TABLE_NAME AS t FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND REFERENCED_TABLE_NAME IS NOT NULL',
              [t],
            )
          ).map((r: { t: string }) => r.t);
    deps.set(t, new Set(refs.filter((r) => r !== t && tables.includes(r))));
  }
  const out: string[] = [];
  const visit = (t: string, seen = new Set<string>()) => {
    if (out.includes(t) || seen.has(t)) return;
    seen.add(t);
    for (const d of deps.get(t) ?? []) visit(d, seen);
    out.push(t);
  };
  tables.forEach((t) => visit(t));
  return out;
}

/** Both drivers' values as portable JSON (instants as UTC 'YYYY-MM-DD HH:MM:SS.mmm'). */
/** A table's generated columns (computed by the database, never written): left out of the backup. */
async function generatedColumns(db: Db, m: Manager, table: string): Promise<Set<string>> {
  const rows: { c: string }[] =
    db.kind === 'sqlite'
      ? (await m.query(`PRAGMA table_xinfo("${table}")`)).filter((r: { hidden: number }) => r.hidden === 2 || r.hidden === 3).map((r: { name: string }) => ({ c: r.name }))
      : await m.query(
          "SELECT COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND EXTRA LIKE '%GENERATED%'",
          [table],
        );
  return new Set(rows.map((r) => r.c));
}

function portable(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().replace('T', ' ').replace('Z', '');
  if (Buffer.isBuffer(v)) return { $base64: v.toString('base64') };
  return v;
}

export async function backupTo(db: Db, file: string): Promise<{ tables: number; rows: number }> {
  const migrations: string[] = (await db.ds.query(`SELECT name FROM ${q(db, 'migrations')} ORDER BY id`)).map((r: { name: string }) => r.name);
  const tables = await tablesInOrder(db);
  const gz = zlib.createGzip();
  const outStream = fs.createWriteStream(file);
  gz.pipe(outStream);
  const write = (line: string) =>
    new Promise<void>((resolve) => {
      if (gz.write(line + '\n')) resolve();
      else gz.once('drain', () => resolve());
    });
  const header: Header = { format: 'dutyroster-backup', version: 1, createdAt: new Date().toISOString(), source: db.kind, migrations, tables };
  await write(JSON.stringify(header));
  let rows = 0;
  // One consistent snapshot: a read transaction on MySQL, the serial queue on SQLite.
  await db.tx(async (m) => {
    for (const t of tables) {
      const pageSize = 2000;
      const generated = await generatedColumns(db, m, t);
      for (let offset = 0; ; offset += pageSize) {
        const page: Record<string, unknown>[] = await m.query(`SELECT * FROM ${q(db, t)} ORDER BY 1 LIMIT ${pageSize} OFFSET ${offset}`);
        for (const r of page) {
          const stored = Object.entries(r).filter(([k]) => !generated.has(k));
          await write(JSON.stringify({ t, r: Object.fromEntries(stored.map(([k, v]) => [k, portable(v)])) }));
          rows++;
        }
        if (page.length < pageSize) break;
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    outStream.on('finish', () => resolve());
    outStream.on('error', reject);
    gz.end();
  });
  return { tables: tables.length, rows };
}

export class RestoreError extends Error {}

/** Restore into a migrated, empty database. */
export async function restoreFrom(db: Db, file: string): Promise<{ rows: number }> {
  let header: Header | null = null;
  let rows = 0;
  const batch = new Map<string, Record<string, unknown>[]>();
  await db.tx(async (m) => {
    if (db.kind === 'mysql') await m.query('SET FOREIGN_KEY_CHECKS = 0');
    else await m.query('PRAGMA defer_foreign_keys = ON');
    const flush = async (t: string) => {
      const list = batch.get(t);
      if (!list?.length) return;
      const cols = Object.keys(list[0]!);
      const placeholders = `(${cols.map(() => '?').join(', ')})`;
      for (let i = 0; i < list.length; i += 200) {
        const chunk = list.slice(i, i + 200);
        await m.query(
          `INSERT INTO ${q(db, t)} (${cols.map((c) => q(db, c)).join(', ')}) VALUES ${chunk.map(() => placeholders).join(', ')}`,
          chunk.flatMap((r) => cols.map((c) => r[c] ?? null)),
        );
      }
      batch.set(t, []);
    };
    // Created right before it is read: readline drops lines emitted before its iterator exists.
    const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      const obj = JSON.parse(line);
      if (!header) {
        header = obj as Header;
        if (header.format !== 'dutyroster-backup') throw new RestoreError('Not a dutyroster backup file');
        const here: string[] = (await m.query(`SELECT name FROM ${q(db, 'migrations')} ORDER BY id`)).map((r: { name: string }) => r.name);
        if (JSON.stringify(here) !== JSON.stringify(header.migrations)) {
          throw new RestoreError(`The backup was taken at migrations [${header.migrations.at(-1)}], this database is at [${here.at(-1)}]: migrate to the same version first`);
        }
        for (const t of header.tables) {
          if (REPLACED_TABLES.has(t)) {
            await m.query(`DELETE FROM ${q(db, t)}`);
            continue;
          }
          const [{ n }] = await m.query(`SELECT COUNT(*) AS n FROM ${q(db, t)}`);
          if (Number(n) > 0) throw new RestoreError(`Table ${t} is not empty: restore into a fresh database`);
        }
        continue;
      }
      const { t, r } = obj as { t: string; r: Record<string, unknown> };
      for (const [k, v] of Object.entries(r)) if (v && typeof v === 'object' && '$base64' in v) r[k] = Buffer.from(String((v as { $base64: string }).$base64), 'base64');
      const list = batch.get(t) ?? [];
      list.push(r);
      batch.set(t, list);
      rows++;
      if (list.length >= 500) await flush(t);
    }
    for (const t of batch.keys()) await flush(t);
    if (db.kind === 'mysql') await m.query('SET FOREIGN_KEY_CHECKS = 1');
  });
  return { rows };
}
