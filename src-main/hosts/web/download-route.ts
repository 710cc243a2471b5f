/**
 * `GET /technician/download/<token>`: hands the page a file the kiosk offered through a
 * technician-only channel (the log bundle). The token is one-time and short-lived; the request
 * must also prove the installation's secret and come from our own page (web-access.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kiosk } from '../../app/kiosk';
import { errorText } from '../../logging/error-text';
import { downloadRefusal } from './web-access';

/** Only what the kiosk's offers look like (base64url, 32 characters). */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

const PLAIN = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' };

export function answerDownload(
  app: Pick<Kiosk, 'takeDownload'>,
  request: IncomingMessage,
  token: string,
  response: ServerResponse,
  access: { secret: string; log: (line: string) => void },
): void {
  if (request.method !== 'GET') {
    // A HEAD must not spend the one-time token.
    response.writeHead(405, { ...PLAIN, Allow: 'GET' }).end();
    return;
  }
  const refusal = downloadRefusal(request, access.secret);
  if (refusal) {
    access.log(`web host: refused a download: ${refusal}`);
    response.writeHead(403, PLAIN).end('Forbidden');
    return;
  }
  let file: ReturnType<NonNullable<Kiosk['takeDownload']>> = null;
  try {
    file = TOKEN_PATTERN.test(token) ? (app.takeDownload?.(token) ?? null) : null;
  } catch (error) {
    access.log(`web host: download failed: ${errorText(error)}`);
    response.writeHead(500, PLAIN).end('Internal error');
    return;
  }
  if (!file) {
    response.writeHead(404, PLAIN).end('This download was used already or has expired.');
    return;
  }
  response.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': String(file.body.length),
    // The file name is ours (kiosk id and a timestamp): plain ASCII, no quotes.
    'Content-Disposition': `attachment; filename="${file.fileName}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  response.end(file.body);
}
