import pino from 'pino';

/** Structured JSON logs. Secrets and personal data never reach them. */
export function createLogger(level: string) {
  return pino({
    level,
    base: { service: 'duty-roster' },
    redact: {
      paths: [
        'req.headers.authorization',
        '*.password',
        '*.passwordHash',
        '*.token',
        '*.phone',
        '*.callerPhone',
        '*.name',
        '*.callerName',
      ],
      censor: '[redacted]',
    },
  });
}
