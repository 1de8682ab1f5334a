/**
 * The person key: who a record is about, without saying who. A keyed hash
 * (HMAC-SHA256) of the normalised phone number with a per-installation secret, so
 * statistics can count distinct people after names and numbers are gone, and one
 * person's records can be found together, while the key alone reveals nothing to
 * anyone without the secret. Pure, apart from loading the secret (see secretOf).
 */
import crypto from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { normalizePhone } from '../lib/phone.js';
import { SettingEntity } from './settings.entity.js';

export const PERSON_KEY_SECRET = 'privacy.person_key_secret';

/**
 * The digits a phone number is compared by: an 11-digit mobile (prefixes and
 * separators dropped), else a landline's digits. Null when there is no number.
 */
export function phoneIdentity(phone: string | null | undefined): string | null {
  if (typeof phone !== 'string' || phone.trim() === '') return null;
  const mobile = normalizePhone(phone);
  if (mobile) return mobile;
  const digits = phone.normalize('NFKC').replace(/\D/g, '');
  return digits === '' ? null : digits;
}

/** 64 hex characters, or null when there is no number. */
export function personKeyOf(secret: string, phone: string | null | undefined): string | null {
  const id = phoneIdentity(phone);
  return id === null ? null : crypto.createHmac('sha256', secret).update(`phone:${id}`).digest('hex');
}

/** A fresh random key for an erased person: as distinct as before, linked to nothing. */
export const unlinkedPersonKey = (): string => crypto.randomBytes(32).toString('hex');

export const newSecret = (): string => crypto.randomBytes(32).toString('base64url');

const cache = new WeakMap<DataSource, string>();

/** The installation's secret (made by the Privacy migration; created here if it is missing). Cached per data source. */
export async function secretOf(m: EntityManager): Promise<string> {
  const hit = cache.get(m.connection);
  if (hit) return hit;
  let row = await m.findOneBy(SettingEntity, { name: PERSON_KEY_SECRET });
  if (!row) {
    await m
      .createQueryBuilder()
      .insert()
      .into(SettingEntity)
      .values({ name: PERSON_KEY_SECRET, value: newSecret(), createdAt: new Date() })
      .orIgnore()
      .execute();
    row = await m.findOneByOrFail(SettingEntity, { name: PERSON_KEY_SECRET });
  }
  cache.set(m.connection, row.value);
  return row.value;
}

/** The secret if this data source has loaded it already (raw-SQL paths read it themselves otherwise). */
export const knownSecret = (ds: DataSource): string | undefined => cache.get(ds);

/** Remember a secret a raw-SQL path read from `settings`. */
export function rememberSecret(ds: DataSource, value: string): void {
  cache.set(ds, value);
}

/** The person key of a phone number on this installation. */
export async function personKeyFor(m: EntityManager, phone: string | null | undefined): Promise<string | null> {
  if (phoneIdentity(phone) === null) return null;
  return personKeyOf(await secretOf(m), phone);
}
