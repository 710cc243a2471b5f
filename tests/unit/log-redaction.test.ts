/**
 * The log redaction: every kind of secret or personal reference the kiosk could ever write into
 * a log line is taken out, in the forms it arrives in, and what a technician needs stays.
 */
import { describe, expect, it } from 'vitest';
import { redact, REDACTED, redactText } from '../../src-main/logging/redact';

const TOKEN =
  'eyJhbGciOiJFZERTQSIsImtpZCI6InJlZi0xIn0.eyJiaWQiOiJhcHQtMSIsInNpdGUiOiJkZW1vIn0.' +
  'c2lnbmF0dXJlLW9mLWZvcnR5LWJ5dGVzLWF0LWxlYXN0LWxvbmc';

describe('log redaction', () => {
  it.each([
    ['a canonical booking code', 'scan TRN-7K4P9Q refused', 'TRN-7K4P9Q'],
    ['a booking code without its dash', 'code TRN7K4P9Q', 'TRN7K4P9Q'],
    ['a booking code as typed, spaced and lower case', 'typed trn 7k4 p9q', 'trn 7k4 p9q'],
    [
      'a booking code embedded in a URL path',
      'GET https://cita.ayto.example.es/c/TRN-7K4P9Q failed',
      'TRN-7K4P9Q',
    ],
    [
      'a booking code in a URL query',
      'GET https://cita.ayto.example.es/checkin?code=7K4P9Q&lang=es',
      '7K4P9Q',
    ],
    [
      'a bare booking code body as the last segment of a URL',
      'opened https://cita.ayto.example.es/c/7K4P9Q',
      '7K4P9Q',
    ],
  ])('removes %s', (_kind, line, secret) => {
    const redacted = redact(line);
    expect(redacted).not.toContain(secret);
    expect(redacted).toContain(REDACTED.bookingCode);
  });

  it.each([
    ['a DNI', 'id 12345678Z not found', '12345678Z'],
    ['a DNI with a dash and a lower-case letter', 'typed 12345678-z', '12345678-z'],
    ['a dotted DNI', 'typed 12.345.678-Z', '12.345.678-Z'],
    ['a NIE with its letters', 'typed X1234567L', 'X1234567L'],
    ['a NIE with separators', 'typed y-1234567-x', 'y-1234567-x'],
  ])('removes %s', (_kind, line, secret) => {
    const redacted = redact(line);
    expect(redacted).not.toContain(secret);
    expect(redacted).toContain(REDACTED.idDocument);
  });

  it('removes a signed booking token, bare and in a URL fragment', () => {
    for (const line of [`token ${TOKEN}`, `scanned https://cita.example/c#t=${TOKEN}`]) {
      const redacted = redact(line);
      expect(redacted).not.toContain(TOKEN.slice(0, 30));
      expect(redacted).toContain(REDACTED.token);
    }
  });

  it.each([
    ['the device credential', 'credential tdc_q8Zk3vJ0aQ4nT9xW2mB7yR5uE1cL6pH0 stored', 'q8Zk3vJ0'],
    ['a bearer header', 'Authorization: Bearer s3cr3t-api-token-value', 's3cr3t-api'],
    [
      'the web host secret in its address',
      'http://127.0.0.1:4321/?token=AbCdEfGh123_-x',
      'AbCdEfGh',
    ],
    ['a launch token', 'opened /?launch=one-time-zyx987', 'one-time-zyx987'],
    ['a session cookie', 'Cookie: turnero-session=AbCdEf0123456789', 'AbCdEf0123456789'],
    ['a password field of a JSON body', '{"user":"it","password":"hunter22"}', 'hunter22'],
    ['an enrolment code', 'enrolmentCode=ENR-4455-XYZ', 'ENR-4455-XYZ'],
    ['a technician PIN', 'pin: 482913', '482913'],
  ])('removes %s', (_kind, line, secret) => {
    const redacted = redact(line);
    expect(redacted).not.toContain(secret);
    expect(redacted).toContain(REDACTED.credential);
  });

  it('removes an Easy!Appointments booking hash from its link', () => {
    const redacted = redact('GET https://ea.example/index.php/appointments/index/Ab12Cd34Ef56');
    expect(redacted).not.toContain('Ab12Cd34Ef56');
    expect(redacted).toContain(`/appointments/index/${REDACTED.bookingHash}`);
  });

  it('keeps what a technician needs: ticket numbers, times, states, kiosk ids, sizes', () => {
    const lines = [
      'ticket E-014 not printed: paper-out (printer paper-out: paper end sensor)',
      '2025-03-10T09:15:02.123Z sync: online (window 3 days from today)',
      'scan: issued A-007',
      'printer: cover-open',
      'wrote 10485760 bytes to /media/it/USB',
      'kiosk sac-1 heartbeat every 60 s',
      'refused checkin:submit: input',
    ];
    for (const line of lines) expect(redact(line)).toBe(line);
  });

  it('is idempotent, so a line redacted on write survives the export unchanged', () => {
    const line = `scan https://cita.example/c/TRN-7K4P9Q?t=${TOKEN} id 12345678Z pin=1234`;
    const once = redact(line);
    expect(redact(once)).toBe(once);
  });

  it('redacts every line of a text', () => {
    const text = redactText('first 12345678Z\nsecond TRN-7K4P9Q\nthird fine');
    expect(text.split('\n')).toEqual([
      `first ${REDACTED.idDocument}`,
      `second ${REDACTED.bookingCode}`,
      'third fine',
    ]);
  });
});
