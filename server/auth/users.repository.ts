/** Intent-named queries for accounts, run inside the services' transactions. */
import type { DatabaseKind } from '../config.js';
import type { Manager } from '../db/db.js';
import { LawyerEntity, type LawyerRow } from '../lawyers/lawyers.entity.js';
import { UserEntity, type UserRow } from './users.entity.js';

/**
 * The lawyer an account is being linked to. On MySQL its row is locked, so two
 * transactions linking accounts to the same lawyer run one after the other; SQLite
 * transactions are serialised already.
 */
export function lockLawyerForLinking(m: Manager, kind: DatabaseKind, lawyerId: number): Promise<LawyerRow | null> {
  if (kind !== 'mysql') return m.findOneBy(LawyerEntity, { id: lawyerId });
  return m.createQueryBuilder(LawyerEntity, 'l').setLock('pessimistic_write').where('l.id = :id', { id: lawyerId }).getOne();
}

/**
 * The active account of a lawyer other than `exceptUserId`, if any. On MySQL a locking read
 * (it sees what was committed while this transaction waited for the lawyer's lock).
 */
export function otherActiveAccountOfLawyer(
  m: Manager,
  kind: DatabaseKind,
  lawyerId: number,
  exceptUserId: number | null,
): Promise<UserRow | null> {
  const q = m
    .createQueryBuilder(UserEntity, 'u')
    .where('u.lawyer_id = :lawyerId AND u.active = 1', { lawyerId })
    .orderBy('u.id', 'ASC');
  if (exceptUserId !== null) q.andWhere('u.id <> :exceptUserId', { exceptUserId });
  if (kind === 'mysql') q.setLock('pessimistic_write');
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
