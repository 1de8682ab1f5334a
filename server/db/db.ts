/**
 * The database handle every service uses. Writes go through `tx`, reads through
 * `read`. On SQLite (one connection) both are serialised so a transaction never
 * interleaves with another request's statements; on MySQL each `tx` is a real
 * transaction on a pooled connection, retried on deadlock.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import type { DatabaseKind } from '../config.js';
import { entities, subscribers } from './entities.js';
import { migrations } from '../../migrations/index.js';
import type { Logger } from 'pino';
import { Checkpointer } from './checkpointer.js';
import { SqliteGroupCommit } from './groupCommit.js';
import { mysql2Options, mysqlTargetOf } from './mysqlUrl.js';
import { MysqlSql, sqliteHandleOf, sqliteSession, TxRetry, type MysqlConn, type Sql } from './sql.js';

export type Manager = EntityManager;

export interface DbOptions {
  url: string;
  /** Log SQL (debugging only). */
  logging?: boolean;
  poolSize?: number;
  /** SQLite: false when another thread checkpoints the WAL (checkpointer.ts). */
  autoCheckpoint?: boolean;
}

/** The file of a `sqlite:<path>` URL (`:memory:` for an in-memory database). */
function sqliteFileOf(url: string): string {
  return url.slice('sqlite:'.length);
}

export function databaseKindOf(url: string): DatabaseKind {
  return url.startsWith('mysql:') ? 'mysql' : 'sqlite';
}

export function createDataSource(opts: DbOptions): DataSource {
  const kind = databaseKindOf(opts.url);
  if (kind === 'sqlite') {
    const file = sqliteFileOf(opts.url);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    return new DataSource({
      type: 'better-sqlite3',
      database: file,
      entities,
      subscribers,
      migrations,
      migrationsRun: false,
      synchronize: false,
      logging: opts.logging ?? false,
      statementCacheSize: 500,
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('busy_timeout = 5000');
        db.pragma('foreign_keys = ON');
        db.pragma('synchronous = NORMAL');
        // Statement journals of savepoints (group commit) and temp tables in memory, not temp files.
        db.pragma('temp_store = MEMORY');
        db.pragma('cache_size = -65536');
        if (opts.autoCheckpoint === false) db.pragma('wal_autocheckpoint = 0');
      },
    });
  }
  const target = mysqlTargetOf(opts.url);
  return new DataSource({
    type: 'mysql',
    url: target.url,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    entities,
    subscribers,
    migrations,
    migrationsRun: false,
    synchronize: false,
    logging: opts.logging ?? false,
    poolSize: opts.poolSize ?? 10,
    connectTimeout: 3000,
    extra: { enableKeepAlive: true, waitForConnections: true, queueLimit: 500, ...(target.socketPath ? { socketPath: target.socketPath } : {}) },
  });
}

const RETRYABLE_MYSQL = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

const isRetryableMysql = (err: unknown): boolean => {
  const code = (err as { code?: string }).code ?? (err as { driverError?: { code?: string } }).driverError?.code;
  return code !== undefined && RETRYABLE_MYSQL.has(code);
};

/** How often `sqlTx` runs a transaction that asks to be run again (TxRetry, deadlock). */
const SQL_TX_ATTEMPTS = 5;

/** The raw pool behind `sqlTx` on MySQL: its connections accept multi-statement batches. */
function createRawPool(opts: DbOptions): mysql.Pool {
  return mysql.createPool({
    ...mysql2Options(mysqlTargetOf(opts.url)),
    multipleStatements: true,
    timezone: 'Z',
    charset: 'UTF8MB4_UNICODE_CI',
    connectionLimit: opts.poolSize ?? 10,
    connectTimeout: 3000,
    enableKeepAlive: true,
    waitForConnections: true,
    queueLimit: 500,
  });
}

export class Db {
  private queue: Promise<unknown> = Promise.resolve();
  private immediateRunner: QueryRunner | null = null;
  private rawPool: mysql.Pool | null = null;
  private group: SqliteGroupCommit | null = null;
  private readonly closeHooks: (() => Promise<void>)[] = [];
  private checkpointer: Checkpointer | null = null;

  constructor(
    readonly ds: DataSource,
    readonly kind: DatabaseKind,
    private readonly opts: DbOptions,
  ) {}

  static async connect(opts: DbOptions): Promise<Db> {
    const ds = createDataSource(opts);
    await ds.initialize();
    return new Db(ds, databaseKindOf(opts.url), opts);
  }

  /** The URL this handle was opened with (a thread of its own opens the same database). */
  get url(): string {
    return this.opts.url;
  }

  /**
   * SQLite on a file: checkpoint the WAL on a thread of its own from now on, so that no
   * COMMIT on this connection (or on one opened with autoCheckpoint: false) waits for it.
   */
  startCheckpointer(logger: Logger): void {
    const file = sqliteFileOf(this.opts.url);
    if (this.kind !== 'sqlite' || this.checkpointer || file === ':memory:') return;
    const handle = sqliteHandleOf(this.ds);
    handle.pragma('wal_autocheckpoint = 0');
    const checkpointer = new Checkpointer(file, logger, () => {
      if (this.ds.isInitialized) handle.pragma('wal_autocheckpoint = 1000');
    });
    this.checkpointer = checkpointer;
    this.onClose(() => checkpointer.close());
  }

  /** Run `hook` first when the handle closes (e.g. to stop a thread that has the same file open). */
  onClose(hook: () => Promise<void>): void {
    this.closeHooks.push(hook);
  }

  /** Serialise work on SQLite's single connection. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Run `fn` in one transaction: everything or nothing. */
  async tx<T>(fn: (m: Manager) => Promise<T>): Promise<T> {
    if (this.kind === 'sqlite') return this.serial(() => this.sqliteImmediateTx(fn));
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ds.transaction(fn);
      } catch (err) {
        if (attempt < 4 && isRetryableMysql(err)) {
          await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20));
          continue;
        }
        throw err;
      }
    }
  }

  /**
   * SQLite transactions start with BEGIN IMMEDIATE: the write lock is taken up
   * front, so a second process on the same file waits (busy_timeout) instead of
   * failing when both read and then try to write.
   */
  private async sqliteImmediateTx<T>(fn: (m: Manager) => Promise<T>): Promise<T> {
    // better-sqlite3's driver hands out one shared query runner (and its prepared-statement
    // cache); patch it once so its transactions begin IMMEDIATE.
    if (!this.immediateRunner) {
      const qr = this.ds.createQueryRunner();
      const query = qr.query.bind(qr);
      qr.query = ((sql: string, ...rest: unknown[]) =>
        (query as (...a: unknown[]) => Promise<unknown>)(sql === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE' : sql, ...rest)) as typeof qr.query;
      this.immediateRunner = qr;
    }
    return this.immediateRunner.manager.transaction(fn);
  }

  /**
   * Run `fn` in one transaction of raw statements (see server/db/sql.ts): everything or
   * nothing. A `TxRetry` thrown by `fn`, or a MySQL deadlock, runs it again from the
   * start; on the last attempt the session is not retryable and `fn` throws its fallback.
   */
  async sqlTx<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const retryable = attempt < SQL_TX_ATTEMPTS;
      try {
        return this.kind === 'sqlite' ? await this.sqliteRawTx(fn, retryable) : await this.mysqlRawTx(fn, retryable);
      } catch (err) {
        if (err instanceof TxRetry) {
          if (retryable) continue;
          throw err.fallback;
        }
        if (retryable && isRetryableMysql(err)) {
          await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 10));
          continue;
        }
        throw err;
      }
    }
  }

  /** On SQLite, raw transactions of one turn of the event loop commit together (groupCommit.ts). */
  private sqliteRawTx<T>(fn: (sql: Sql) => Promise<T>, retryable: boolean): Promise<T> {
    const handle = sqliteHandleOf(this.ds);
    if (!this.group || this.group.closed) {
      this.group = new SqliteGroupCommit(sqliteSession(handle, false), (work) => this.serial(work));
    }
    return this.group.run(sqliteSession(handle, retryable), fn);
  }

  private async mysqlRawTx<T>(fn: (sql: Sql) => Promise<T>, retryable: boolean): Promise<T> {
    this.rawPool ??= createRawPool(this.opts);
    const pool = this.rawPool;
    const conn = await new Promise<mysql.PoolConnection>((resolve, reject) =>
      pool.getConnection((err, c) => (err ? reject(err) : resolve(c))),
    );
    const session = new MysqlSql(conn as unknown as MysqlConn, true, retryable, { began: false });
    let healthy = true;
    try {
      const out = await fn(session);
      await session.finish();
      return out;
    } catch (err) {
      try {
        await session.rollback();
      } catch {
        healthy = false; // the connection is gone or confused: never hand it out again
      }
      throw err;
    } finally {
      if (healthy) conn.release();
      else conn.destroy();
    }
  }

  /** Run read-only work. */
  async read<T>(fn: (m: Manager) => Promise<T>): Promise<T> {
    if (this.kind === 'sqlite') return this.serial(() => fn(this.ds.manager));
    return fn(this.ds.manager);
  }

  async ping(): Promise<boolean> {
    try {
      await this.read((m) => m.query('SELECT 1 AS ok'));
      return true;
    } catch {
      return false;
    }
  }

  async migrate(): Promise<string[]> {
    const done = await this.serial(() => this.ds.runMigrations({ transaction: 'each' }));
    return done.map((m) => m.name);
  }

  async close(): Promise<void> {
    for (const hook of this.closeHooks.splice(0)) await hook();
    const pool = this.rawPool;
    this.rawPool = null;
    if (pool) await new Promise<void>((resolve) => pool.end(() => resolve()));
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}
