/** Intent-named queries for accounts, run inside the services' transactions. */
import type { DatabaseKind } from '../config.js';
import type { Manager } from '../db/db.js';
import { LawyerEntity } from '../lawyers/lawyers.entity.js';
import { UserEntity, type UserRow } from './users.entity.js';

/**
 * The account a username names, in whatever case it is typed: usernames are unique without
 * case (uq_users_username, migrations/1764401000000-CaseInsensitiveUsernames.ts). On SQLite the
 * expression is the index's; on MySQL the column's _ci collation would do alone.
 */
export function userByUsername(m: Manager, username: string): Promise<UserRow | null> {
  return m.createQueryBuilder(UserEntity, 'u').where('LOWER(u.username) = LOWER(:username)', { username }).getOne();
}

/**
 * The active account of a lawyer other than `exceptUserId`, if any: read to name the holder
 * in the 409. The unique index uq_users_active_lawyer is what stops a second one when two
 * requests race.
 */
export function otherActiveAccountOfLawyer(m: Manager, lawyerId: number, exceptUserId: number | null): Promise<UserRow | null> {
  const q = m
    .createQueryBuilder(UserEntity, 'u')
    .where('u.lawyer_id = :lawyerId AND u.active = 1', { lawyerId })
    .orderBy('u.id', 'ASC');
  if (exceptUserId !== null) q.andWhere('u.id <> :exceptUserId', { exceptUserId });
  return q.getOne();
}

/**
 * How many admins are active, counted inside the transaction that may remove one. On MySQL
 * their rows are locked, so two admins removing each other run one after the other and the
 * second sees the first's change.
 */
export async function countActiveAdminsForUpdate(m: Manager, kind: DatabaseKind): Promise<number> {
  const q = m.createQueryBuilder(UserEntity, 'u').where('u.role = :role AND u.active = 1', { role: 'admin' }).orderBy('u.id', 'ASC');
  if (kind === 'mysql') q.setLock('pessimistic_write');
  return (await q.getMany()).length;
}

/** A lawyer account signs in only while its lawyer is active (other accounts are not linked). */
export async function linkedLawyerActive(m: Manager, u: UserRow): Promise<boolean> {
  if (u.role !== 'lawyer' || u.lawyerId === null) return true;
  return m.existsBy(LawyerEntity, { id: u.lawyerId, active: true });
}
