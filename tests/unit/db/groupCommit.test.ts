import { describe, expect, it } from 'vitest';
import { MAX_GROUP_MEMBERS, SqliteGroupCommit } from '../../../server/db/groupCommit.js';
import type { SqliteSql } from '../../../server/db/sql.js';

/** A session that records its transaction statements, and a serial queue: what Db.sqliteRawTx gives a group. */
function harness() {
  const calls: string[] = [];
  const session = {
    exec: (sql: string) => void calls.push(sql),
    get inTransaction() {
      return true;
    },
  } as unknown as SqliteSql;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = (work: () => Promise<void>) => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
  let group: SqliteGroupCommit | null = null;
  const run = <T>(fn: () => Promise<T>) => {
    if (!group || group.closed) group = new SqliteGroupCommit(session, serial);
    return group.run(session, fn);
  };
  return { calls, run };
}

describe('group commit', () => {
  it(`shares one COMMIT among at most ${MAX_GROUP_MEMBERS} members that arrive together`, async () => {
    const { calls, run } = harness();
    const n = MAX_GROUP_MEMBERS * 2 + 5;
    const values = await Promise.all(Array.from({ length: n }, (_, i) => run(async () => i)));
    expect(values).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(calls.filter((c) => c === 'BEGIN IMMEDIATE')).toHaveLength(3);
    expect(calls.filter((c) => c === 'COMMIT')).toHaveLength(3);
    expect(calls.filter((c) => c === 'SAVEPOINT member')).toHaveLength(n);
    // Groups follow each other: BEGIN, its members, COMMIT; then the next.
    const order = calls.filter((c) => c === 'BEGIN IMMEDIATE' || c === 'COMMIT');
    expect(order).toEqual(['BEGIN IMMEDIATE', 'COMMIT', 'BEGIN IMMEDIATE', 'COMMIT', 'BEGIN IMMEDIATE', 'COMMIT']);
  });

  it('rolls back only a failing member, whose caller gets its error', async () => {
    const { calls, run } = harness();
    const outcomes = await Promise.allSettled([run(async () => 'a'), run(async () => Promise.reject(new Error('no'))), run(async () => 'c')]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(calls.filter((c) => c === 'ROLLBACK TO member')).toHaveLength(1);
    expect(calls.filter((c) => c === 'COMMIT')).toHaveLength(1);
  });
});
