/**
 * The booking thread (SQLite): places online bookings on a connection of its own to the
 * same database file, so the statements, the rules and the COMMIT of a booking run
 * beside the HTTP work of the main thread instead of after it (placementThread.ts
 * starts it and sends it the work).
 *
 * It is the same code as on the main thread: `placeBookingOnce` inside
 * `db.sqlTx`, so bookings that arrive together still share one COMMIT (groupCommit.ts)
 * and the seat's unique index still decides. SQLite's write lock serialises this
 * connection's transactions with the main thread's (both begin IMMEDIATE).
 */
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import pino from 'pino';
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';
import { Db } from '../db/db.js';
import type { BookingInput } from './bookings.schema.js';
import type { AppointmentSource } from './appointments.entity.js';
import { placeBookingOnce, StationDayCache, type IdempotencyClaim, type Placement } from './placement.js';
import { serialiseError, type PlacementReply, type PlacementRequest, type PlacementThreadData } from './placementThread.js';

const data = workerData as PlacementThreadData;
const port = parentPort!;
const config = data.config as Readonly<Config>;
const logger = pino({ level: config.logLevel, base: { thread: 'bookings' } });
// The main thread's checkpointer thread checkpoints the WAL (checkpointer.ts): no COMMIT here waits for it.
const ready = Db.connect({ url: data.url, poolSize: 1, autoCheckpoint: false });
let closing = false;
let inFlight = 0;

/** Station days between bookings; cleared whenever the main thread's connection has committed (placement.ts). */
const stationDays = new StationDayCache();

function place(db: Db, msg: PlacementRequest): Promise<Placement> {
  const now = new Date(msg.now);
  const ctx: AppContext = { config, db, logger, clock: { now: () => now } };
  const input = msg.input as BookingInput;
  const source = msg.source as AppointmentSource;
  return db.sqlTx((sql) => placeBookingOnce(sql, ctx, input, source, msg.lang, msg.claim as IdempotencyClaim | undefined, stationDays));
}

async function closeWhenIdle(db: Db) {
  if (!closing || inFlight > 0) return;
  await db.close();
  port.postMessage({ type: 'closed' });
  port.close();
}

port.on('message', async (msg: PlacementRequest | { type: 'close' }) => {
  const db = await ready.catch(() => null);
  if (!db) return; // the thread is ending (see below): the main thread places these itself
  if ('type' in msg) {
    closing = true;
    await closeWhenIdle(db);
    return;
  }
  let reply: PlacementReply;
  inFlight++;
  try {
    reply = { id: msg.id, ok: await place(db, msg) };
  } catch (err) {
    reply = { id: msg.id, error: serialiseError(err) };
  } finally {
    inFlight--;
  }
  port.postMessage(reply);
  await closeWhenIdle(db);
});

void ready.then(
  () => port.postMessage({ type: 'ready' }),
  (err: unknown) => {
    // Without its database the thread is of no use: say why and end (placementThread.ts falls back).
    port.postMessage({ type: 'failed', error: serialiseError(err) });
    process.exit(1);
  },
);
