/**
 * Start-up: read the configuration, connect, migrate, load the demo network on
 * an empty embedded database, serve the API and the client, run the scheduled
 * jobs, and stop cleanly on SIGTERM.
 */
import 'reflect-metadata';
import type { Server } from 'node:http';
import { ConfigError, loadConfig } from './config.js';
import { clockStartingAt, systemClock, type AppContext } from './context.js';
import { Db } from './db/db.js';
import { createLogger } from './logger.js';
import { createApp } from './app.js';
import { answerClientErrors } from './http/clientErrors.js';
import { seedDemo } from './seed/demo.js';
import { startJobs } from './jobs/scheduler.js';
import { allJobs } from './jobs/registry.js';
import { firstAdminHint } from './auth/accountRules.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const db = await Db.connect({ url: config.databaseUrl });
  const applied = await db.migrate();
  if (applied.length) logger.info({ migrations: applied }, 'migrations applied');
  const clock = config.demoNow ? clockStartingAt(new Date(config.demoNow)) : systemClock;
  if (config.demoNow) logger.warn({ demoNow: config.demoNow }, 'demo clock: the server runs from DEMO_NOW, not from the real time');
  const ctx: AppContext = { config, db, logger, clock };

  const logins = config.seedDemo ? await seedDemo(ctx) : null;
  const { app, services } = createApp(ctx);
  services.bookings.warmUp();
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.on('error', reject);
  });
  server.keepAliveTimeout = 65_000;
  answerClientErrors(server);
  const jobs = config.jobsEnabled ? startJobs(ctx, allJobs) : null;

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, db: db.kind }, 'listening');
  const adminHint = firstAdminHint(await services.users.hasActiveAdmin(), config.databaseUrl);
  printBanner(port, db.kind, config.seedDemo, config.demoPassword, logins, adminHint);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    jobs?.stop();
    const force = setTimeout(() => {
      logger.warn('requests still open after 10 s; closing them');
      server.closeAllConnections();
    }, 10_000);
    force.unref();
    server.close(async () => {
      await jobs?.idle();
      await db.close();
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function printBanner(
  port: number,
  db: string,
  demo: boolean,
  password: string,
  logins: { username: string; role: string; note: string }[] | null,
  adminHint: string[],
) {
  const lines = [
    '',
    `  职工维权服务站 · 值班与预约  —  http://localhost:${port}`,
    `  database: ${db}${demo ? ' (demo mode)' : ''}`,
  ];
  if (demo) {
    lines.push('', `  Demo logins (password for all: "${password}"):`);
    const list = logins ?? [
      { username: 'admin', role: 'admin', note: '' },
      { username: 'coordinator', role: 'coordinator', note: '' },
      { username: 'staff', role: 'staff', note: '' },
      { username: 'lawyer1 …', role: 'lawyer', note: '' },
    ];
    for (const l of list) lines.push(`    ${l.username.padEnd(22)} ${l.role.padEnd(12)} ${l.note}`);
    lines.push('', '  Workers book without an account at /book; staff sign in at /login.');
  }
  if (adminHint.length) lines.push('', ...adminHint);
  console.log(lines.join('\n') + '\n');
}

main().catch((err) => {
  console.error('Start-up failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
