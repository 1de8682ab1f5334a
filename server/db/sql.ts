/**
 * Raw SQL for the few hot paths where the ORM's per-statement work is the cost (a
 * public booking is the one today). A `Sql` session runs plain parameterised
 * statements (`?` placeholders) on the connection of a transaction:
 *
 * - `db.sqlTx(fn)` opens a transaction of its own. On SQLite it runs on the single
 *   connection with cached prepared statements, serialised with every other
 *   transaction; the raw transactions of one event-loop turn share one COMMIT
 *   (groupCommit.ts). On MySQL it takes a connection from a small pool of its own on
 *   which a whole `batch` travels in one round trip (START TRANSACTION rides along with
 *   the first; COMMIT goes alone).
 * - `sqlOf(m)` runs on the connection of a TypeORM transaction already open, so an
 *   ORM-based service can call the same code; a batch then goes one statement at a time.
 *
 * Values are bound the way TypeORM binds them, so rows written here read back through
 * the entities unchanged: a Date is UTC `YYYY-MM-DD HH:mm:ss.SSS` text on SQLite and a
 * Date handed to mysql2 (time zone `Z`) on MySQL; booleans are 0/1.
 */
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { DataSource, EntityMetadata } from 'typeorm';
import type { Manager } from './db.js';

export type Dialect = 'sqlite' | 'mysql';

export interface Stmt {
  sql: string;
  params?: readonly unknown[];
}

/** What one statement gave back: its rows (a SELECT), or what it changed (a write). */
export interface StmtResult {
  rows: Record<string, unknown>[];
  changes: number;
  insertId: number;
}

export interface Sql {
  readonly dialect: Dialect;
  /**
   * True inside `db.sqlTx`: throwing `TxRetry` there re-runs the whole transaction. In a
   * borrowed ORM transaction (`sqlOf`) it cannot, and the retry's fallback error is thrown.
   */
  readonly retryable: boolean;
  /** Run statements in order, stopping at the first error (the transaction stays open). */
  batch(stmts: readonly Stmt[]): Promise<StmtResult[]>;
}

/**
 * Thrown inside `db.sqlTx` to roll back and run the transaction again from its first
 * read (e.g. a unique index refused a booking code or an Idempotency-Key that another
 * request wrote a moment ago: the next attempt sees it). After
 * the last attempt — or where the session cannot retry — `fallback` is thrown instead.
 */
export class TxRetry extends Error {
  constructor(readonly fallback: Error) {
    super('transaction retry');
  }
}

/** Throw the retry where the session can re-run, else its fallback. */
export function retryOrFail(sql: Sql, fallback: Error): never {
  throw sql.retryable ? new TxRetry(fallback) : fallback;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The text TypeORM stores a datetime as on SQLite (UTC). */
export function sqliteDatetime(d: Date): string {
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`
  );
}

/** A datetime column's value as read by either driver: a Date (mysql2) or UTC text (SQLite). */
export function readDatetime(v: unknown): Date {
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s.replace(' ', 'T') : `${s.replace(' ', 'T')}Z`);
}

function sqliteParam(v: unknown): unknown {
  if (v instanceof Date) return sqliteDatetime(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

const EMPTY: StmtResult = { rows: [], changes: 0, insertId: 0 };

/** A SQLite session on better-sqlite3's handle; statements are prepared once per text (see sqliteSession). */
export class SqliteSql implements Sql {
  readonly dialect = 'sqlite' as const;

  constructor(
    private readonly handle: SqliteDatabase,
    private readonly cache: Map<string, Statement>,
    readonly retryable: boolean,
  ) {}

  /**
   * A statement without parameters or rows (BEGIN, SAVEPOINT, COMMIT…), prepared once:
   * compiling it on every call (`exec`) cost more than running it.
   */
  exec(sql: string): void {
    this.prepared(sql).run();
  }

  get inTransaction(): boolean {
    return this.handle.inTransaction;
  }

  private prepared(sql: string): Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.handle.prepare(sql);
      if (this.cache.size >= 200) this.cache.clear();
      this.cache.set(sql, s);
    }
    return s;
  }

  async batch(stmts: readonly Stmt[]): Promise<StmtResult[]> {
    return stmts.map((stmt) => {
      const s = this.prepared(stmt.sql);
      const params = (stmt.params ?? []).map(sqliteParam);
      if (s.reader) return { ...EMPTY, rows: s.all(...params) as Record<string, unknown>[] };
      const r = s.run(...params);
      return { rows: [], changes: r.changes, insertId: Number(r.lastInsertRowid) };
    });
  }
}

/** better-sqlite3's handle under a TypeORM data source (its one connection). */
export function sqliteHandleOf(ds: DataSource): SqliteDatabase {
  return (ds.driver as unknown as { databaseConnection: SqliteDatabase }).databaseConnection;
}

const statementCaches = new WeakMap<SqliteDatabase, Map<string, Statement>>();

/** A session on a SQLite handle, sharing that handle's prepared statements. */
export function sqliteSession(handle: SqliteDatabase, retryable: boolean): SqliteSql {
  let cache = statementCaches.get(handle);
  if (!cache) statementCaches.set(handle, (cache = new Map()));
  return new SqliteSql(handle, cache, retryable);
}

/** The slice of a mysql2 (callback API) connection used here. */
export interface MysqlConn {
  query(sql: string, values: unknown[], cb: (err: Error | null, result: unknown) => void): unknown;
}

function mysqlResult(r: unknown): StmtResult {
  if (Array.isArray(r)) return { ...EMPTY, rows: r as Record<string, unknown>[] };
  const h = r as { affectedRows?: number; insertId?: number };
  return { rows: [], changes: Number(h.affectedRows ?? 0), insertId: Number(h.insertId ?? 0) };
}

/**
 * A MySQL session. With `multi` (a connection opened with multipleStatements) a batch
 * is one round trip, and the first one opens the transaction. COMMIT always travels alone
 * (finish): a connection lost while the writes are on their way then leaves nothing
 * committed, and only a loss during the COMMIT round trip itself leaves the outcome
 * unknown — the database-outage test holds the server to that. Only this module's fixed statement texts are ever joined: every
 * value is a bound parameter, escaped by mysql2.
 */
export class MysqlSql implements Sql {
  readonly dialect = 'mysql' as const;
  private began: boolean;
  private committed = false;

  constructor(
    private readonly conn: MysqlConn,
    private readonly multi: boolean,
    readonly retryable: boolean,
    opts: { began: boolean },
  ) {
    this.began = opts.began;
  }

  private query(sql: string, params: unknown[]): Promise<unknown> {
    return new Promise((resolve, reject) => this.conn.query(sql, params, (err, res) => (err ? reject(err) : resolve(res))));
  }

  async begin(): Promise<void> {
    if (this.began) return;
    await this.query('START TRANSACTION', []);
    this.began = true;
  }

  async finish(): Promise<void> {
    if (this.committed) return;
    if (this.began) await this.query('COMMIT', []);
    this.committed = true;
  }

  async rollback(): Promise<void> {
    if (this.began && !this.committed) await this.query('ROLLBACK', []);
  }

  async batch(stmts: readonly Stmt[]): Promise<StmtResult[]> {
    if (this.committed) throw new Error('this transaction has already committed');
    if (stmts.length === 0) return [];
    if (!this.multi) {
      const out: StmtResult[] = [];
      for (const s of stmts) out.push(mysqlResult(await this.query(s.sql, [...(s.params ?? [])])));
      return out;
    }
    const texts = stmts.map((s) => s.sql);
    const params = stmts.flatMap((s) => [...(s.params ?? [])]);
    const lead = this.began ? 0 : 1;
    if (lead) texts.unshift('START TRANSACTION');
    this.began = true;
    const raw = await this.query(texts.join(';\n'), params);
    // One statement gives its result; several give an array of results.
    const results = texts.length === 1 ? [raw] : (raw as unknown[]);
    return results.slice(lead, lead + stmts.length).map(mysqlResult);
  }
}

/**
 * The raw session of an ORM transaction already open on `m` (SQLite: the one handle;
 * MySQL: the transaction's connection). It cannot re-run the transaction.
 */
export function sqlOf(m: Manager): Sql {
  const qr = m.queryRunner as unknown as { databaseConnection?: unknown; isTransactionActive?: boolean } | undefined;
  const ds = m.connection;
  if (ds.options.type === 'better-sqlite3') {
    return sqliteSession(sqliteHandleOf(ds), false);
  }
  if (!qr?.databaseConnection || !qr.isTransactionActive) throw new Error('sqlOf needs a manager inside a MySQL transaction');
  return new MysqlSql(qr.databaseConnection as MysqlConn, false, false, { began: true });
}

/**
 * An INSERT of rows given by entity property, written the way the ORM writes them
 * (column names and value transformers from the entity's metadata). Every row must
 * set the same properties; generated columns are left to the database.
 */
export function insertRows(meta: EntityMetadata, rows: readonly Record<string, unknown>[]): Stmt {
  const first = rows[0];
  if (!first) throw new Error('insertRows needs at least one row');
  const { cols, head, one } = insertPlan(meta, first);
  const params: unknown[] = [];
  for (const row of rows) {
    for (const c of cols) {
      const v = row[c.propertyName];
      const t = c.transformer;
      params.push(t && !Array.isArray(t) ? t.to(v) : v);
    }
  }
  return { sql: rows.length === 1 ? head + one : head + rows.map(() => one).join(', '), params };
}

interface InsertPlan {
  cols: EntityMetadata['columns'];
  /** `INSERT INTO t (a, b) VALUES ` */
  head: string;
  /** `(?, ?)` */
  one: string;
}

/** The columns and statement text of an insert, worked out once per entity and set of properties. */
const insertPlans = new WeakMap<EntityMetadata, Map<string, InsertPlan>>();

function insertPlan(meta: EntityMetadata, first: Record<string, unknown>): InsertPlan {
  let key = '';
  for (const c of meta.columns) key += !c.isGenerated && first[c.propertyName] !== undefined ? '1' : '0';
  let plans = insertPlans.get(meta);
  if (!plans) insertPlans.set(meta, (plans = new Map()));
  let plan = plans.get(key);
  if (!plan) {
    const cols = meta.columns.filter((c) => !c.isGenerated && first[c.propertyName] !== undefined);
    plan = {
      cols,
      head: `INSERT INTO \`${meta.tableName}\` (${cols.map((c) => `\`${c.databaseName}\``).join(', ')}) VALUES `,
      one: `(${cols.map(() => '?').join(', ')})`,
    };
    plans.set(key, plan);
  }
  return plan;
}
