/**
 * Printer figures for `npm run bench` (issue #3 item 10): bytes on the wire per ticket with an
 * NV logo and a QR, with the raster logo and a QR, and without a logo; the time to send them at
 * 9600 and 115 200 baud (computed at 10 bits a byte, 8N1), the same bytes MEASURED through a
 * socat pty pair opened at 115 200 baud (ptys do not pace the baud rate, so this measures our
 * write path, serialport and the kernel, not the line), and the render time per ticket.
 * Goal: at most 1 KB per ticket with an NV logo and a QR.
 *
 * Run alone with `npx tsx bench/printer.ts`.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { SerialPort } from 'serialport';
import { confirmJob, ProcessIdSupport } from '../src-main/printer/job-confirmation';
import { deadlineForJob, type LineSettings } from '../src-main/printer/job-deadline';
import { prepareLogo, type PreparedLogo } from '../src-main/printer/logo/logo-store';
import { readPrinterStatus } from '../src-main/printer/status/status-reader';
import { SerialTransport } from '../src-main/printer/transports/serial-transport';
import { renderTicket, type TicketTemplateOptions } from '../src-main/printer/ticket-template';
import { sampleLogoPng } from '../tests/support/logo-fixture';
import { openPtyPair } from '../tests/support/pty-pair';
import { openSerialPrinterEmulator } from '../tests/support/serial-printer-emulator';
import { sampleTicket } from '../tests/support/ticket-fixtures';

type Report = (what: string, figure: string) => void;

const QR_URL = 'https://sede.villanueva.example.es/turno?n=C-014&t=3f1c9a52';
const ticket = sampleTicket({ qrUrl: QR_URL, estimatedWaitMinutes: 15 });

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

const wireMs = (bytes: number, baud: number): string =>
  `${((bytes * 10 * 1000) / baud).toFixed(1)} ms`;

function openPort(path: string, baudRate: number): Promise<SerialPort> {
  return new Promise((resolvePort, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    port.open((error) => (error ? reject(error) : resolvePort(port)));
  });
}

function closePort(port: SerialPort): Promise<void> {
  return new Promise((resolveClose) => {
    if (!port.isOpen) resolveClose();
    else port.close(() => resolveClose());
  });
}

/** Median ms from the first write on the app end to the last byte read on the device end. */
async function measurePty(bytes: Buffer, runs: number): Promise<number> {
  const pair = await openPtyPair();
  const app = await openPort(pair.appPath, 115200);
  const device = await openPort(pair.devicePath, 115200);
  try {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      let received = 0;
      const done = new Promise<void>((resolveDone, reject) => {
        const timer = setTimeout(() => reject(new Error('pty: bytes did not arrive')), 10_000);
        const onData = (chunk: Buffer): void => {
          received += chunk.length;
          if (received >= bytes.length) {
            clearTimeout(timer);
            device.off('data', onData);
            resolveDone();
          }
        };
        device.on('data', onData);
      });
      const start = performance.now();
      app.write(bytes);
      await done;
      times.push(performance.now() - start);
    }
    return median(times);
  } finally {
    await closePort(app);
    await closePort(device);
    await pair.close();
  }
}

export async function runPrinterBench(report: Report): Promise<void> {
  const png = sampleLogoPng();
  const prepareStart = performance.now();
  const raster = prepareLogo(png, { paperWidth: 80, profile: 'epson', dataDir: null });
  report(
    'logo PNG → dithered raster (480×160, once at start-up)',
    `${(performance.now() - prepareStart).toFixed(1)} ms`,
  );
  const nv: PreparedLogo = { ...raster, nv: { method: 'gs-l', key: 'TL' } };
  const base: TicketTemplateOptions = { paperWidth: 80, codePage: 'PC858', profile: 'epson' };
  const variants: Array<[string, TicketTemplateOptions]> = [
    ['NV logo + QR', { ...base, logo: nv }],
    ['raster logo + QR', { ...base, logo: raster }],
    ['no logo, QR', { ...base, logo: null }],
  ];

  const sizes = new Map<string, Buffer>();
  for (const [name, options] of variants) {
    const bytes = renderTicket(ticket, options);
    sizes.set(name, bytes);
    report(`ticket bytes, 80 mm, ${name}`, `${bytes.length} B`);
    report(
      `  on the wire at 9600 / 115200 baud (10 bits/B)`,
      `${wireMs(bytes.length, 9600)} / ${wireMs(bytes.length, 115200)}`,
    );
  }
  const raster58 = renderTicket(ticket, {
    ...base,
    paperWidth: 58,
    logo: prepareLogo(png, { paperWidth: 58, profile: 'epson', dataDir: null }),
  });
  report('ticket bytes, 58 mm, raster logo + QR', `${raster58.length} B`);
  const goal = (sizes.get('NV logo + QR') as Buffer).length;
  report(
    'goal ≤ 1024 B with NV logo + QR',
    goal <= 1024 ? `met (${goal} B)` : `MISSED (${goal} B)`,
  );

  for (const [name, options] of variants.slice(0, 2)) {
    const runs = 1000;
    const start = performance.now();
    for (let i = 0; i < runs; i++) renderTicket(ticket, options);
    report(`render time, ${name}`, `${((performance.now() - start) / runs).toFixed(3)} ms/ticket`);
  }

  try {
    for (const name of ['NV logo + QR', 'raster logo + QR']) {
      const bytes = sizes.get(name) as Buffer;
      const ms = await measurePty(bytes, 15);
      report(`measured over a socat pty at 115200, ${name}`, `${ms.toFixed(2)} ms (median of 15)`);
    }
  } catch (error) {
    report('measured over a socat pty', `skipped: ${(error as Error).message}`);
  }

  // The job deadline (printer.timeoutMs 10 s + 1.5 × (line time + paper time), 8N1), and the
  // confirmation after a job (GS ( H process ID response + DLE EOT 1, 2, 4) measured against the
  // printer emulator over a socat pty: the time from the ticket's last byte to "printed".
  {
    const line = (baud: number): LineSettings => ({
      baud,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
    });
    for (const name of ['NV logo + QR', 'raster logo + QR']) {
      const bytes = sizes.get(name) as Buffer;
      report(
        `job deadline, ${name}, 9600 / 115200 baud`,
        `${deadlineForJob(bytes, 10_000, line(9600))} / ${deadlineForJob(bytes, 10_000, line(115200))} ms`,
      );
    }
    try {
      const pair = await openPtyPair();
      const printer = await openSerialPrinterEmulator(pair.devicePath, 115200);
      const transport = new SerialTransport({ path: pair.appPath, baud: 115200 });
      try {
        const processIds = new ProcessIdSupport(true, () => undefined);
        await transport.probe(1000);
        await processIds.probe(transport, 1000);
        const deps = {
          transport,
          processIds,
          statusTimeoutMs: 1000,
          readStatus: (timeoutMs: number) =>
            readPrinterStatus(transport, timeoutMs, { sameLink: true }),
        };
        const bytes = sizes.get('NV logo + QR') as Buffer;
        const times: number[] = [];
        for (let run = 0; run < 15; run++) {
          await transport.write(bytes, 10_000);
          const start = performance.now();
          const outcome = await confirmJob(deps, Date.now() + 10_000);
          if (outcome.status !== 'printed') throw new Error(`not confirmed: ${outcome.status}`);
          times.push(performance.now() - start);
        }
        report(
          'confirmation round trip over a socat pty (GS ( H + DLE EOT)',
          `${median(times).toFixed(2)} ms (median of 15)`,
        );
      } finally {
        await transport.close();
        await printer.close();
        await pair.close();
      }
    } catch (error) {
      report('confirmation round trip over a socat pty', `skipped: ${(error as Error).message}`);
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  void runPrinterBench((what, figure) => console.log(`${what.padEnd(62)} ${figure}`));
}
