import type { MigrationInterface, QueryRunner } from 'typeorm';
import { column, str } from './helpers.js';

/** Tables whose rows are a worker's booking or waitlist place. */
const TABLES = ['appointments', 'waitlist_entries'];

/**
 * The language a worker's SMS are written in (`zh` or `en`), stored on their booking and
 * waitlist place: the one they booked in, so every later message — a reminder, a move, a
 * closure, an offer — speaks it whoever causes it. Every row there is already gets `zh`,
 * the language all its messages were sent in so far.
 */
export class WorkerLanguage1764401100000 implements MigrationInterface {
  name = 'WorkerLanguage1764401100000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await q.addColumn(table, column(str('lang', 2, { default: "'zh'" })));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await q.dropColumn(table, 'lang');
  }
}
