import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Db } from './db/db.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that reads `start` now and runs on at the real pace (the demo's DEMO_NOW). */
export function clockStartingAt(start: Date): Clock {
  const offset = start.getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

/** What every service gets: read once at start-up and passed down. */
export interface AppContext {
  config: Readonly<Config>;
  db: Db;
  logger: Logger;
  clock: Clock;
}
