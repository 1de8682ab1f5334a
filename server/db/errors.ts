/** Driver errors, told apart in one place so services speak in domain errors. */

function driverCode(err: unknown): string | undefined {
  const e = err as { code?: string; driverError?: { code?: string } } | null;
  return e?.driverError?.code ?? e?.code;
}

/** A unique index refused the write (SQLite or MySQL/MariaDB). */
export function isUniqueViolation(err: unknown): boolean {
  const code = driverCode(err);
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'ER_DUP_ENTRY';
}

export function isForeignKeyViolation(err: unknown): boolean {
  const code = driverCode(err);
  return (
    code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === 'ER_NO_REFERENCED_ROW_2' || code === 'ER_ROW_IS_REFERENCED_2'
  );
}

const UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'SQLITE_BUSY',
  'SQLITE_CANTOPEN',
]);

/** The database cannot be reached right now: answer 503 and let the client retry. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const code = driverCode(err);
  if (code && UNAVAILABLE.has(code)) return true;
  const msg = (err as { message?: string } | null)?.message ?? '';
  return /Pool is closed|Connection lost|connect ETIMEDOUT|Can't add new command when connection is in closed state|Queue limit reached|Timeout acquiring a connection/i.test(
    msg,
  );
}
