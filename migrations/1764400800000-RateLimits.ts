import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { int, str } from './helpers.js';

/**
 * Rate-limit hits per client and window, shared by every instance behind the load balancer
 * (server/http/sharedRateStore.ts). The client is stored as a keyed hash, and rows live for two
 * windows at most.
 */
export class RateLimits1764400800000 implements MigrationInterface {
  name = 'RateLimits1764400800000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'rate_limit_hits',
        columns: [
          str('limiter', 20, { isPrimary: true }),
          str('bucket', 32, { isPrimary: true }),
          int('window_no', { isPrimary: true }),
          int('hits'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('rate_limit_hits', true);
  }
}
