/**
 * Online-first against offline-first, on the same Turnero server on loopback with injected
 * latency: the time from the scan to the print job handed to the printer (rendered to ESC/POS
 * bytes, ready for the transport).
 *
 * - Ours: `CheckInService` commits the check-in in SQLite and prints; the sync engine pushes the
 *   outbox to the server afterwards, in the background (as the kiosk app wires it).
 * - Online-first (the peer): POSTs the check-in with the Turnero API client and prints once the
 *   server has answered. It is given the benefit of the doubt: it resolves the booking code to
 *   an appointment locally, so it pays one round trip, not a lookup and a check-in.
 *
 * Then the server is stopped and both are asked for tickets again.
 *
 * The server runs in this process: its handling of our background pushes lands on our event loop
 * too, which a kiosk talking to a real town hall does not pay. The figures for ours are the worse
 * for it, not the better. Our time is mostly the SQLite commit's fsync (synchronous = FULL).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SiteInfoResponse } from '../src-shared/contract/townhall-api';
import { toLocalDateTime } from '../src-shared/domain/site-time';
import { CheckInService } from '../src-main/checkin/check-in-service';
import {
  createTurneroApiClient,
  type TurneroApiClient,
} from '../src-main/backend/turnero-api/api-client';
import { renderTicket, type TicketTemplateOptions } from '../src-main/printer/ticket-template';
import type { PrintOutcome, TicketPrintData } from '../src-main/printer/ticket-printer';
import { openStore } from '../src-main/store/store';
import { createSyncEngine } from '../src-main/sync/sync-engine';
import { loadSeed } from '../server/seed';
import { startTurneroServer, type TurneroServer } from '../server/server';
import { bookingCodeFor } from '../tests/support/booking-codes';
import { RecordingPrinter } from '../tests/support/recording-printer';
import { formatRatio, percentile } from './stats';
import type { Report } from './results';

/** 10:00 in Madrid: the demo site's zone. */
const NOW = new Date('2026-02-10T09:00:00Z');
const now = () => NOW;
const SITE = 'demo-sac';
const TIME_ZONE = 'Europe/Madrid';
/** Injected per request, uniform in [latency / 2, latency × 1.5) (server/faults.ts). */
const LATENCIES_MS = [0, 50, 200] as const;
const RUNS = 100;
const WARM_UP = 5;
const DOWN_RUNS = 20;
/** What the peer waits for an answer before it gives up (a dropped network costs all of it). */
const PEER_TIMEOUT_MS = 5000;
const QR_TEMPLATE = 'https://sede.villanueva.example.es/turno?n={number}&t={ticketId}';
/** Separate services, so our numbers and the peer's never meet on the server. */
const OURS = { kioskId: 'kiosk-ours', serviceId: 'empadronamiento', codesFrom: 0 };
const PEER = { kioskId: 'kiosk-peer', serviceId: 'registro-general', codesFrom: 100_000 };
const PER_SIDE = LATENCIES_MS.length * (WARM_UP + RUNS) + DOWN_RUNS;

/** Records when each job was handed over: after rendering, as a real printer gets it. */
class HandoffPrinter extends RecordingPrinter {
  lastHandoff = 0;

  constructor(private readonly template: TicketTemplateOptions) {
    super();
  }

  override async print(ticket: TicketPrintData): Promise<PrintOutcome> {
    renderTicket(ticket, this.template);
    this.lastHandoff = performance.now();
    return super.print(ticket);
  }
}

interface Appointments {
  codes: string[];
  ids: Map<string, string>;
}

async function addAppointments(server: TurneroServer, side: typeof OURS): Promise<Appointments> {
  const codes: string[] = [];
  const ids = new Map<string, string>();
  for (let i = 0; i < PER_SIDE; i++) {
    const code = bookingCodeFor(side.codesFrom + i);
    const added = await server.admin.addAppointment(SITE, {
      code,
      serviceId: side.serviceId,
      startsAt: new Date(NOW.getTime() + 15 * 60_000),
    });
    codes.push(code);
    ids.set(code, added.id);
  }
  return { codes, ids };
}

/** The online-first kiosk: the server's answer first, then the ticket. */
class OnlineFirstKiosk {
  private issued = 0;
  readonly printer: HandoffPrinter;

  constructor(
    private readonly client: TurneroApiClient,
    private readonly site: SiteInfoResponse,
    private readonly appointments: Appointments,
    template: TicketTemplateOptions,
  ) {
    this.printer = new HandoffPrinter(template);
  }

  async checkIn(code: string): Promise<void> {
    const appointmentId = this.appointments.ids.get(code);
    const service = this.site.services.find((s) => s.id === PEER.serviceId);
    if (!appointmentId || !service) throw new Error(`peer: ${code} is not a known booking`);
    this.issued += 1;
    const ticketId = randomUUID();
    const ticketNumber = `${service.prefix}-${String(this.issued).padStart(3, '0')}`;
    await this.client.postCheckIn({
      ticketId,
      appointmentId,
      kioskId: PEER.kioskId,
      ticketNumber,
      issuedAt: NOW.toISOString(),
      identifiedBy: 'code',
    });
    await this.printer.print({
      ticketId,
      townHallName: this.site.site.name,
      ticketNumber,
      serviceName: service.names.es ?? service.id,
      appointmentTime: toLocalDateTime(new Date(NOW.getTime() + 15 * 60_000), TIME_ZONE).time,
      issuedAt: NOW,
      timeZone: TIME_ZONE,
      kioskId: PEER.kioskId,
      language: 'es',
      qrUrl: QR_TEMPLATE.replace('{number}', ticketNumber).replace('{ticketId}', ticketId),
    });
  }
}

/** Milliseconds from each scan to its print job, for `count` codes taken from `codes`. */
async function timeScans(
  codes: string[],
  count: number,
  printer: HandoffPrinter,
  scan: (code: string) => Promise<void>,
): Promise<number[]> {
  const times: number[] = [];
  for (const code of codes.splice(0, count)) {
    const start = performance.now();
    await scan(code);
    times.push(printer.lastHandoff - start);
  }
  return times;
}

async function waitUntil(
  done: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!(await done())) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}

const p50p95 = (times: number[]): string =>
  `p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms`;

interface LevelFigures {
  oursTimes: number[];
  peerTimes: number[];
  /** From our last print until the server had every check-in we committed. */
  pushMs: number;
  caughtUp: boolean;
}

function reportLevel(report: Report, latency: number, level: LevelFigures): void {
  const at = `  server latency ${latency} ms`;
  const p50 = (times: number[]) => ({ value: percentile(times, 50), unit: 'ms' });
  report(`${at}, ours (commit, print, push later)`, p50p95(level.oursTimes), p50(level.oursTimes));
  report(`${at}, online-first (POST, then print)`, p50p95(level.peerTimes), p50(level.peerTimes));
  const ratio = percentile(level.peerTimes, 50) / percentile(level.oursTimes, 50);
  report(`${at}, online-first / ours at p50`, formatRatio(ratio), {
    value: Number(ratio.toFixed(1)),
    unit: '×',
  });
  report(
    `${at}, ours: the server has all ${WARM_UP + RUNS} (pushed in order) after the last print`,
    level.caughtUp ? `${level.pushMs.toFixed(0)} ms` : `not within ${level.pushMs.toFixed(0)} ms`,
  );
}

export async function runOnlineFirstBench(
  report: Report,
  template: TicketTemplateOptions,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'turnero-bench-peers-'));
  const server = await startTurneroServer({ port: 0, seed: loadSeed('demo'), now });
  let serverUp = true;
  const store = openStore(join(dir, 'kiosk.sqlite'));
  // One client each: two kiosks of the same office.
  const clientOf = () =>
    createTurneroApiClient({ baseUrl: server.url, siteId: SITE, timeoutMs: PEER_TIMEOUT_MS, now });
  const engine = createSyncEngine({
    client: clientOf(),
    store,
    timeZone: TIME_ZONE,
    pollSeconds: () => 3600,
    now,
  });
  try {
    const ours = await addAppointments(server, OURS);
    const peerAppointments = await addAppointments(server, PEER);
    const synced = await engine.syncNow();
    if (!synced.ok) throw new Error(`peers: the kiosk did not sync: ${JSON.stringify(synced)}`);
    const oursPrinter = new HandoffPrinter(template);
    const kiosk = new CheckInService({
      store,
      printer: oursPrinter,
      kioskId: OURS.kioskId,
      timeZone: TIME_ZONE,
      language: 'es',
      settings: () => ({
        checkInWindow: { minutesBefore: 120, minutesAfter: 120 },
        ticketQrUrl: QR_TEMPLATE,
      }),
      now,
      onTicketCommitted: () => engine.requestPush(),
    });
    const scanOurs = async (code: string) => {
      const result = await kiosk.checkIn(code);
      if (!result.ok) throw new Error(`peers: our check-in of ${code}: ${result.error.code}`);
    };
    const peerClient = clientOf();
    const peer = new OnlineFirstKiosk(
      peerClient,
      await peerClient.getSiteInfo(),
      peerAppointments,
      template,
    );
    const oursOnServer = async () =>
      (await server.admin.checkIns()).filter((record) => record.kioskId === OURS.kioskId).length;

    report('online-first (peer) vs ours, scan → print job', '');
    for (const latency of LATENCIES_MS) {
      server.admin.setFaults(latency > 0 ? { latencyMs: latency, seed: latency } : null);
      await timeScans(ours.codes, WARM_UP, oursPrinter, scanOurs);
      const oursTimes = await timeScans(ours.codes, RUNS, oursPrinter, scanOurs);
      const lastPrint = performance.now();
      const caughtUp = await waitUntil(
        async () => (await oursOnServer()) === oursPrinter.printed.length,
        60_000,
      );
      const pushMs = performance.now() - lastPrint;
      await timeScans(peerAppointments.codes, WARM_UP, peer.printer, (code) => peer.checkIn(code));
      const peerTimes = await timeScans(peerAppointments.codes, RUNS, peer.printer, (code) =>
        peer.checkIn(code),
      );
      reportLevel(report, latency, { oursTimes, peerTimes, pushMs, caughtUp });
    }

    await server.close();
    serverUp = false;
    const printedBefore = { ours: oursPrinter.printed.length, peer: peer.printer.printed.length };
    await timeScans(ours.codes, DOWN_RUNS, oursPrinter, scanOurs);
    const giveUp: number[] = [];
    for (const code of peerAppointments.codes.splice(0, DOWN_RUNS)) {
      const start = performance.now();
      await peer.checkIn(code).catch(() => giveUp.push(performance.now() - start));
    }
    const oursPrinted = oursPrinter.printed.length - printedBefore.ours;
    const peerPrinted = peer.printer.printed.length - printedBefore.peer;
    report(
      `  server down: tickets printed out of ${DOWN_RUNS}`,
      `ours ${oursPrinted}/${DOWN_RUNS}, online-first ${peerPrinted}/${DOWN_RUNS}`,
    );
    report(
      '  server down: online-first gives up after',
      `${percentile(giveUp, 50).toFixed(1)} ms p50 (connection refused; ` +
        `up to its ${PEER_TIMEOUT_MS} ms timeout when packets are dropped)`,
    );
  } finally {
    await engine.stop();
    store.close();
    if (serverUp) await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
