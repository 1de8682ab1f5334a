/**
 * Operator commands, e.g. the first admin of a production deployment:
 *   npm run cli -- create-user --username alice --role admin
 * The password is read from standard input
 * (one line), or asked for on a terminal, so it stays out of shell history.
 */
import 'reflect-metadata';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { ConfigError, loadConfig } from './config.js';
import { systemClock, type AppContext } from './context.js';
import { Db } from './db/db.js';
import { UsersService } from './auth/users.service.js';
import { createUserBody } from './auth/auth.schema.js';
import { PASSWORD_MIN_LENGTH } from './auth/accountRules.js';
import { AppError } from './http/errors.js';

const USAGE = `Usage:
  npm run cli -- migrate
  npm run cli -- backup --out FILE.jsonl.gz
  npm run cli -- restore --in FILE.jsonl.gz      (into a fresh, migrated database)
  npm run cli -- create-user --username NAME --role admin|coordinator|staff|lawyer [--lawyer-id N] [--station-id N] [--display-name TEXT] [--email ADDRESS] [--lang zh|en]
      The password is read from standard input (first line) or asked for on a terminal.`;

async function readPassword(): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdin.isTTY ? process.stderr : undefined, terminal: !!process.stdin.isTTY });
  if (process.stdin.isTTY) process.stderr.write(`Password (at least ${PASSWORD_MIN_LENGTH} characters): `);
  for await (const line of rl) {
    rl.close();
    return line.trim();
  }
  return '';
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  const db = await Db.connect({ url: config.databaseUrl });
  try {
    const applied = await db.migrate();
    if (command === 'migrate') {
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      return 0;
    }
    if (command === 'backup' || command === 'restore') {
      const { values } = parseArgs({ args: rest, options: { out: { type: 'string' }, in: { type: 'string' } }, strict: true });
      const { backupTo, restoreFrom } = await import('./ops/backup.js');
      if (command === 'backup') {
        if (!values.out) throw new Error('--out FILE is required');
        const r = await backupTo(db, values.out);
        console.log(`Backed up ${r.rows} rows from ${r.tables} tables to ${values.out}.`);
      } else {
        if (!values.in) throw new Error('--in FILE is required');
        const r = await restoreFrom(db, values.in);
        console.log(`Restored ${r.rows} rows from ${values.in}.`);
      }
      return 0;
    }
    if (command === 'create-user') {
      const { values } = parseArgs({
        args: rest,
        options: {
          username: { type: 'string' },
          role: { type: 'string' },
          'lawyer-id': { type: 'string' },
          'station-id': { type: 'string' },
          'display-name': { type: 'string' },
          email: { type: 'string' },
          lang: { type: 'string' },
        },
        strict: true,
      });
      const password = await readPassword();
      const parsed = createUserBody.safeParse({
        username: values.username,
        password,
        role: values.role,
        displayName: values['display-name'],
        lawyerId: values['lawyer-id'],
        stationId: values['station-id'],
        email: values.email,
        lang: values.lang,
      });
      if (!parsed.success) {
        for (const i of parsed.error.issues) console.error(`  ${i.path.join('.') || 'input'}: ${i.message}`);
        return 2;
      }
      const ctx: AppContext = { config, db, logger: pino({ level: 'silent' }), clock: systemClock };
      const user = await new UsersService(ctx).createUser(parsed.data, null, 'cli');
      console.log(`Created ${user.role} "${user.username}" (id ${user.id}).`);
      return 0;
    }
    console.error(`Unknown command "${command}".\n${USAGE}`);
    return 2;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err) => {
    if (err instanceof ConfigError || err instanceof AppError) console.error(err.message);
    else console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
