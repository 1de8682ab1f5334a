import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Db } from './db/db.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** What every service gets: read once at start-up and passed down. */
export interface AppContext {
  config: Readonly<Config>;
  db: Db;
  logger: Logger;
  clock: Clock;
}
