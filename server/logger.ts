import pino, { type DestinationStream } from 'pino';
import { maskPhonesInText } from './lib/mask.js';

/**
 * An error as the logs may keep it: type, code, message and stack with phone numbers
 * masked, the SQL without its values. Never the query parameters, the driver's error
 * (mysql2 puts the SQL with its values inlined there) or any other property, since
 * TypeORM's QueryFailedError carries the bound values (names, phones) in `parameters`.
 */
const SAFE = Symbol('safe-error');

export function safeError(input: unknown): Record<string, unknown> {
  if (input && typeof input === 'object' && SAFE in input) return input as Record<string, unknown>;
  const out = describe(input);
  Object.defineProperty(out, SAFE, { value: true, enumerable: false });
  return out;
}

function describe(input: unknown): Record<string, unknown> {
  // Some serialisers hand over pino's own serialisation of an error; its `raw` is the error itself.
  const raw = (input as { raw?: unknown } | null)?.raw;
  const err = raw instanceof Error ? raw : input;
  if (!(err instanceof Error)) {
    return { type: typeof err, message: maskPhonesInText(String((err as { message?: unknown })?.message ?? err)).slice(0, 500) };
  }
  const e = err as Error & { code?: unknown; errno?: unknown; query?: unknown; driverError?: { code?: unknown } };
  const code = e.code ?? e.driverError?.code;
  return {
    type: e.constructor?.name ?? e.name,
    message: maskPhonesInText(e.message),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(typeof e.query === 'string' ? { query: maskPhonesInText(e.query).slice(0, 2000) } : {}),
    stack: maskPhonesInText(e.stack ?? ''),
  };
}

/** Structured JSON logs. Secrets and personal data never reach them. */
export function createLogger(level: string, destination?: DestinationStream) {
  return pino(
    {
      level,
      base: { service: 'duty-roster' },
      serializers: { err: safeError },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'password',
          '*.password',
          '*.passwordHash',
          '*.token',
          ...['phone', 'name', 'note', 'callerPhone', 'callerName', 'workerPhone', 'workerName', 'recipientPhone', 'summary'].flatMap((k) => [
            k,
            `*.${k}`,
          ]),
          'body',
          '*.body',
          'parameters',
          '*.parameters',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
