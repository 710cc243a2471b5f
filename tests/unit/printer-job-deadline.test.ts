import { describe, expect, it } from 'vitest';
import {
  bitsPerByte,
  deadlineForJob,
  jobDeadlineMs,
  lineTimeMs,
  pacedLine,
  paperLengthMm,
  PRINT_SPEED_MM_PER_S,
  SAFETY_FACTOR,
  type LineSettings,
} from '../../src-main/printer/job-deadline';
import { prepareLogo, type PreparedLogo } from '../../src-main/printer/logo/logo-store';
import { LOGO_MAX_HEIGHT } from '../../src-main/printer/logo/raster';
import { renderTicket, type TicketTemplateOptions } from '../../src-main/printer/ticket-template';
import { sampleLogoPng } from '../support/logo-fixture';
import { sampleTicket } from '../support/ticket-fixtures';

const line8N1 = (baud: number): LineSettings => ({
  baud,
  dataBits: 8,
  parity: 'none',
  stopBits: 1,
});
const MM_PER_DOT = 25.4 / 180;

const raster = prepareLogo(sampleLogoPng(), { paperWidth: 80, profile: 'epson', dataDir: null });
const nv: PreparedLogo = { ...raster, nv: { method: 'gs-l', key: 'TL' } };
const base: TicketTemplateOptions = { paperWidth: 80, codePage: 'PC858', profile: 'epson' };
const ticket = sampleTicket({ qrUrl: 'https://sede.example.es/turno?n=C-014' });
const rasterTicket = renderTicket(ticket, { ...base, logo: raster });
const nvTicket = renderTicket(ticket, { ...base, logo: nv });
const plainTicket = renderTicket(ticket, { ...base, logo: null });

describe('the job deadline', () => {
  it('counts start, data, parity and stop bits of the serial line', () => {
    expect(bitsPerByte(line8N1(9600))).toBe(10);
    expect(bitsPerByte({ baud: 9600, dataBits: 7, parity: 'even', stopBits: 1 })).toBe(10);
    expect(bitsPerByte({ baud: 9600, dataBits: 8, parity: 'odd', stopBits: 1 })).toBe(11);
    expect(bitsPerByte({ baud: 9600, dataBits: 8, parity: 'even', stopBits: 2 })).toBe(12);
    // 960 bytes of 10 bits at 9600 baud: one second.
    expect(lineTimeMs(960, line8N1(9600))).toBe(1000);
    expect(lineTimeMs(1200, { baud: 9600, dataBits: 8, parity: 'even', stopBits: 2 })).toBe(1500);
  });

  it('paces serial lines only', () => {
    expect(
      pacedLine({
        kind: 'serial',
        path: '/dev/ttyUSB0',
        baud: 19200,
        dataBits: 7,
        parity: 'even',
        stopBits: 2,
        flow: 'rtscts',
        dtr: 'on',
      }),
    ).toEqual({ baud: 19200, dataBits: 7, parity: 'even', stopBits: 2 });
    expect(pacedLine({ kind: 'tcp', host: '192.0.2.1', port: 9100 })).toBeNull();
    expect(pacedLine({ kind: 'usblp', path: '/dev/usb/lp0' })).toBeNull();
  });

  it('is the response budget plus the line and print times, with the safety factor', () => {
    const input = { bytes: 9600, responseBudgetMs: 10_000, line: line8N1(9600), paperMm: 150 };
    // 10 s on the line, 1 s on the paper.
    expect(jobDeadlineMs(input)).toBe(10_000 + SAFETY_FACTOR * (10_000 + 1000));
    expect(PRINT_SPEED_MM_PER_S).toBe(150);
    // No line pacing on TCP and USB, the print allowance stays.
    expect(jobDeadlineMs({ ...input, line: null })).toBe(10_000 + SAFETY_FACTOR * 1000);
    expect(jobDeadlineMs({ ...input, line: line8N1(115200) })).toBe(
      Math.ceil(10_000 + SAFETY_FACTOR * ((9600 * 10 * 1000) / 115200 + 1000)),
    );
  });

  it('estimates the paper from what the job prints', () => {
    // The raster logo adds its own height; an NV logo, printed by key, the most a logo may be.
    expect(paperLengthMm(rasterTicket) - paperLengthMm(plainTicket)).toBeCloseTo(
      raster.raster.height * MM_PER_DOT,
      6,
    );
    expect(paperLengthMm(nvTicket) - paperLengthMm(plainTicket)).toBeCloseTo(
      LOGO_MAX_HEIGHT * MM_PER_DOT,
      6,
    );
    // A receipt with a QR code: more than a hand's width, less than a forearm.
    expect(paperLengthMm(plainTicket)).toBeGreaterThan(80);
    expect(paperLengthMm(plainTicket)).toBeLessThan(250);
  });

  it('gives the 10 KB raster ticket at 9600 baud more than its 10.6 s on the line', () => {
    expect(rasterTicket.length).toBeGreaterThan(10_000);
    const onTheLine = (rasterTicket.length * 10 * 1000) / 9600;
    const deadline = deadlineForJob(rasterTicket, 10_000, line8N1(9600));
    expect(deadline).toBeGreaterThan(10_000 + SAFETY_FACTOR * onTheLine);
    expect(deadline).toBe(
      Math.ceil(
        10_000 +
          SAFETY_FACTOR * (onTheLine + (paperLengthMm(rasterTicket) * 1000) / PRINT_SPEED_MM_PER_S),
      ),
    );
    // The NV-logo ticket at 115200 baud stays close to the response budget.
    expect(deadlineForJob(nvTicket, 10_000, line8N1(115200))).toBeLessThan(12_000);
  });
});
