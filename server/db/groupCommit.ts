/**
 * Group commit for raw transactions on SQLite (`db.sqlTx`).
 *
 * On SQLite most of a small write transaction's cost is its COMMIT: every page it
 * touched (a table and each of its indexes) is written to the WAL again. Bookings that
 * arrive in the same turn of the event loop therefore share one transaction: each runs
 * in a SAVEPOINT of its own (its failure rolls back only itself), and one COMMIT after
 * the turn makes them all durable together. A member's result is handed back only after
 * that COMMIT; if the COMMIT fails, every member of the group fails with it.
 *
 * Members run one after another (a promise chain), never interleaved, and the group
 * holds the connection's serial queue from BEGIN to COMMIT, so nothing else runs in it.
 */
import type { SqliteSql } from './sql.js';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * At most this many members per group. Bigger groups share a COMMIT more widely, but with
 * the booking thread a group's answers all wait for its COMMIT while the main thread,
 * which would be answering them, waits too: with 50 clients, uncapped groups of ~34 made
 * the two threads take turns. Groups of 16 let them overlap (bookings/s +10 %,
 * docs/performance.md).
 */
export const MAX_GROUP_MEMBERS = 16;

export class SqliteGroupCommit {
  /** No more members once set: the group is full or committing (a new one opens for later work). */
  closed = false;
  private members = 0;
  private tail: Promise<unknown>;
  private readonly committed: Promise<void>;

  constructor(
    session: SqliteSql,
    serial: (work: () => Promise<void>) => Promise<void>,
  ) {
    let opened!: () => void;
    this.tail = new Promise<void>((resolve) => (opened = resolve));
    this.committed = serial(async () => {
      session.exec('BEGIN IMMEDIATE');
      try {
        opened();
        // Let every request that is ready in this turn of the event loop join.
        await new Promise<void>((resolve) => setImmediate(resolve));
        this.closed = true;
        await this.tail;
        session.exec('COMMIT');
      } catch (err) {
        if (session.inTransaction) session.exec('ROLLBACK');
        throw err;
      }
    });
    // A failed commit is reported to each member; keep it from being an unhandled rejection here.
    this.committed.catch(() => undefined);
  }

  /**
   * Run `fn` on `session` (the group's connection) in its own savepoint of the group's
   * transaction; resolves once the group has committed.
   */
  async run<T>(session: SqliteSql, fn: (sql: SqliteSql) => Promise<T>): Promise<T> {
    if (++this.members >= MAX_GROUP_MEMBERS) this.closed = true;
    const member = this.tail.then(async (): Promise<Outcome<T>> => {
      session.exec('SAVEPOINT member');
      try {
        const value = await fn(session);
        session.exec('RELEASE member');
        return { ok: true, value };
      } catch (error) {
        session.exec('ROLLBACK TO member');
        session.exec('RELEASE member');
        return { ok: false, error };
      }
    });
    this.tail = member;
    const outcome = await member;
    if (!outcome.ok) throw outcome.error; // nothing of it remains: no need to wait for the commit
    await this.committed;
    return outcome.value;
  }
}
