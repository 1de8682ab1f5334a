import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One username whatever its case: `xstaff` and `XSTAFF` name the same account, on both
 * databases. MySQL/MariaDB compared usernames without case only by the database's default
 * collation (utf8mb4_unicode_ci, as the README creates it); SQLite compared bytes, so both
 * could be created, and which one a sign-in found depended on how it was typed.
 *
 * SQLite: uq_users_username becomes a unique index on lower(username) (usernames are ASCII,
 * createUserBody), the expression login looks accounts up by. MySQL: the column's collation
 * is named, so the unique index is case-insensitive whatever the server's default.
 *
 * Names that already differ only in case (SQLite, or a MySQL database made with a
 * case-sensitive collation) would stop the index being built, and with it the start-up,
 * which migrates: the booking pages would stay down until someone edited the database by
 * hand. So one account of each such group keeps its name — the active one, the oldest if
 * several are — and every other is renamed `<name>-<id>` (longer if even that is taken).
 * Nothing is merged, deactivated or signed out; each rename is written to the audit log
 * (`user.rename`, no actor) for an admin to tell the person their new name. `down` keeps the
 * new names.
 *
 * On SQLite, a later migration that rebuilds `users` through TypeORM's table API (addColumn,
 * changeColumn…) must drop this index first and create it again after: TypeORM reads an
 * expression index back without its expression, and the rebuild fails ("no such column").
 */
export class CaseInsensitiveUsernames1764401000000 implements MigrationInterface {
  name = 'CaseInsensitiveUsernames1764401000000';

  async up(q: QueryRunner): Promise<void> {
    await renameCaseTwins(q);
    if (q.connection.options.type === 'mysql') {
      await q.query('ALTER TABLE users MODIFY username VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL');
    } else {
      await q.query('DROP INDEX uq_users_username');
      await q.query('CREATE UNIQUE INDEX uq_users_username ON users (lower(username))');
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'mysql') {
      await q.query('ALTER TABLE users MODIFY username VARCHAR(64) NOT NULL');
    } else {
      await q.query('DROP INDEX uq_users_username');
      await q.query('CREATE UNIQUE INDEX uq_users_username ON users (username)');
    }
  }
}

const MAX_USERNAME = 64;
const fold = (s: string) => s.toLowerCase();

/** Give every account but one of each group of names equal without case a name of its own (see above). */
async function renameCaseTwins(q: QueryRunner): Promise<void> {
  const rows: { id: number | string; username: string; active: number | string }[] = await q.query(
    'SELECT id, username, active FROM users ORDER BY id',
  );
  const users = rows.map((r) => ({ id: Number(r.id), username: r.username, active: Number(r.active) === 1 }));
  const groups = new Map<string, typeof users>();
  for (const u of users) groups.set(fold(u.username), [...(groups.get(fold(u.username)) ?? []), u]);
  const taken = new Set(groups.keys());
  const at = new Date().toISOString().replace('T', ' ').replace('Z', '');
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const [keeper, ...others] = [...group].sort((a, b) => Number(b.active) - Number(a.active) || a.id - b.id);
    for (const u of others.sort((a, b) => a.id - b.id)) {
      const to = freeName(u.username, u.id, taken);
      taken.add(fold(to));
      await q.query('UPDATE users SET username = ? WHERE id = ?', [to, u.id]);
      await q.query(
        'INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, details, request_id) VALUES (?, NULL, NULL, ?, ?, ?, ?, ?)',
        [at, 'user.rename', 'user', String(u.id), JSON.stringify({ from: u.username, to, keptBy: keeper!.id }), 'migration:CaseInsensitiveUsernames'],
      );
    }
  }
}

/** `<name>-<id>`, cut to fit, with `-2`, `-3`… added while another account holds it. */
function freeName(username: string, id: number, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? `-${id}` : `-${id}-${n}`;
    const name = username.slice(0, MAX_USERNAME - suffix.length) + suffix;
    if (!taken.has(fold(name))) return name;
  }
}
