/**
 * Requests Node's HTTP parser refuses before Express sees them (headers over the size
 * limit, a malformed request line): Node answers them with a bare status line and no
 * body. These get the contract's error shape like every other refusal.
 */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorBody } from './errors.js';

/** The answer to a request the parser refused, or null when nothing should be written. Pure. */
export function clientErrorAnswer(code: string | undefined): string | null {
  if (code === 'ECONNRESET') return null;
  const [status, reason, message] =
    code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'The request headers are too large']
      : code === 'HPE_HEADERS_TIMEOUT' || code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'The request took too long to arrive']
        : [400, 'Bad Request', 'The request is not valid HTTP'];
  const body = JSON.stringify(errorBody('validation_failed', message));
  return (
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const answer = socket.writable ? clientErrorAnswer(err.code) : null;
    if (answer) socket.end(answer);
    else socket.destroy();
  });
}
