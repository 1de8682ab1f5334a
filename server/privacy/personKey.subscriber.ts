/**
 * Every write of a worker's phone number also writes its person key, whichever
 * feature writes it (bookings, walk-ins, the waitlist, hotline calls, referrals,
 * seeds, tests): statistics count people by this key, so it must never be missing.
 *
 * Rules: a write that sets the phone sets the key from it (null for no number); a
 * write that names `personKey` itself (pseudonymisation, erasure) is left alone.
 */
import { EventSubscriber, type EntityManager, type EntitySubscriberInterface, type InsertEvent, type UpdateEvent } from 'typeorm';
import { personKeyFor } from './personKey.js';

/** Tables holding a worker's phone, and the property that holds it. */
export const PHONE_PROPERTY: Readonly<Record<string, string>> = {
  appointments: 'phone',
  waitlist_entries: 'phone',
  hotline_calls: 'callerPhone',
  referrals: 'workerPhone',
};

type Row = Record<string, unknown>;

async function stamp(m: EntityManager, table: string, row: Row | undefined, before: Row | undefined): Promise<void> {
  const prop = PHONE_PROPERTY[table];
  if (!prop || !row || typeof row !== 'object') return;
  const phone = row[prop];
  if (phone === undefined || typeof phone === 'function') return; // the phone is not being written
  if (before) {
    // save() of a loaded entity: recompute only when the phone changed and the key did not.
    if (before[prop] === phone || row.personKey !== before.personKey) return;
  } else if (row.personKey !== undefined) {
    return;
  }
  row.personKey = await personKeyFor(m, typeof phone === 'string' ? phone : null);
}

export class PersonKeySubscriber implements EntitySubscriberInterface {
  async beforeInsert(e: InsertEvent<Row>): Promise<void> {
    await stamp(e.manager, e.metadata.tableName, e.entity, undefined);
  }

  async beforeUpdate(e: UpdateEvent<Row>): Promise<void> {
    await stamp(e.manager, e.metadata.tableName, e.entity as Row | undefined, e.databaseEntity as Row | undefined);
  }
}

// What the @EventSubscriber() decorator does: TypeORM only instantiates registered subscriber classes.
EventSubscriber()(PersonKeySubscriber);
