/**
 * The two halves of a kill test. `scanUnderFire`: citizens scan their bookings at a steady pace
 * while something (the kiosk, the server) is killed at random points and started again.
 * `rescanEveryCode`: afterwards, with everything up, each booking is scanned once more, one at a
 * time, and the kiosk's answer is noted: a booking that already has a ticket must be answered
 * with that same number and print nothing; one that has none gets its ticket now.
 */
import type { CapturedTicket } from '../../support/escpos-capture';
import type { RigParts } from './kiosk-rig';
import type { KioskProcess, ScanOutcome } from './kiosk-process';
import type { Random } from './prng';
import { waitForPrinted } from './printed-tickets';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Victim {
  kill(): Promise<void>;
  start(): Promise<void>;
}

export interface FireOptions {
  codes: readonly string[];
  scan: (code: string) => Promise<void>;
  /** Time between two scans. */
  paceMs: number;
  victim: Victim;
  random: Random;
  /** The run goes on (scanning codes again from the first) until this many kills. */
  minKills: number;
  /** How long the victim lives before the next kill, ms: a random point in [min, max]. */
  lifeMs: readonly [number, number];
}

export interface FireReport {
  kills: number;
  scans: number;
}

/** Resolves once every code was scanned and `minKills` kills were done; the victim is up. */
export async function scanUnderFire(options: FireOptions): Promise<FireReport> {
  const { codes, random, victim } = options;
  let kills = 0;
  let scans = 0;
  let everyCodeScanned = false;
  let over = false;

  const killer = async () => {
    try {
      while (!over && !(everyCodeScanned && kills >= options.minKills)) {
        await sleep(random.between(options.lifeMs[0], options.lifeMs[1]));
        await victim.kill();
        kills += 1;
        await victim.start();
      }
    } finally {
      over = true;
    }
  };
  const feeder = async () => {
    try {
      for (let index = 0; !over; index += 1) {
        await options.scan(codes[index % codes.length] as string);
        scans += 1;
        if (index + 1 >= codes.length) everyCodeScanned = true;
        await sleep(options.paceMs);
      }
    } finally {
      over = true;
    }
  };
  await Promise.all([killer(), feeder()]);
  return { kills, scans };
}

export interface RescanOptions {
  codes: readonly string[];
  scan: (code: string) => Promise<void>;
  kiosk: KioskProcess;
  papers: readonly CapturedTicket[];
}

export interface RescanReport {
  /** Each code's answer; a code the kiosk did not answer is left out. */
  answers: Map<string, ScanOutcome>;
  /** Bookings that got their first ticket from the rescan. */
  issued: number;
  /** Numbers issued by a rescan whose paper never came out. */
  unprinted: string[];
}

/**
 * Scans each code once more, waiting for the kiosk's answer (and, for a new ticket, its paper)
 * before the next.
 */
export async function rescanEveryCode(options: RescanOptions): Promise<RescanReport> {
  const { kiosk } = options;
  // Scans still in flight from the run settle first; then the scanner's repeat filter (the
  // same code within 1.5 s is dropped) cannot hide a rescan.
  await kiosk.settled(2000);
  const answers = new Map<string, ScanOutcome>();
  const unprinted: string[] = [];
  for (const code of options.codes) {
    const index = kiosk.outcomes.length;
    const printedBefore = options.papers.length;
    await options.scan(code);
    const answer = await kiosk.outcome(index, 20_000).catch(() => null);
    if (!answer) continue;
    answers.set(code, answer);
    if (answer.outcome === 'issued' && answer.number) {
      // Its paper, before the next scan: a late ticket must not be taken for the next one's.
      const paper = await waitForPrinted(options.papers, printedBefore, answer.number, 15_000);
      if (!paper) unprinted.push(answer.number);
    }
  }
  const issued = [...answers.values()].filter((answer) => answer.outcome === 'issued').length;
  return { answers, issued, unprinted };
}

/**
 * A kill test's scanning: every code at a steady 200 ms while `victim` is killed after 1–4 s of
 * life each time, at least `minKills` times; then every code once more.
 */
export async function killWhileScanning(options: {
  codes: readonly string[];
  parts: RigParts;
  victim: Victim;
  random: Random;
  minKills: number;
}): Promise<{ fire: FireReport; rescan: RescanReport }> {
  const { codes, parts } = options;
  const fire = await scanUnderFire({
    codes,
    scan: parts.scanner.scan,
    paceMs: 200,
    victim: options.victim,
    random: options.random,
    minKills: options.minKills,
    lifeMs: [1000, 4000],
  });
  const rescan = await rescanEveryCode({
    codes,
    scan: parts.scanner.scan,
    kiosk: parts.kiosk,
    papers: parts.printer.tickets,
  });
  return { fire, rescan };
}
