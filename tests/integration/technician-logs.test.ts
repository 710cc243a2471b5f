/**
 * The kiosk's logs as a technician takes them away: size-capped chains (the kiosk's own log and
 * Chromium's output, written by another process), and the bundle exported to a USB stick, which
 * holds no booking code, token or DNI however they reached the files.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { capLogFile, openFreshLog } from '../../src-main/logging/capped-log-file';
import { createFileLog, kioskLogFile } from '../../src-main/logging/file-log';
import { rotationChain } from '../../src-main/logging/rotating-file';
import { composeTechnicianKit, type TechnicianKit } from '../support/technician-kit';
import { makeTempDir } from '../support/temp-dir';

const NOW = new Date('2026-11-30T09:00:00Z');
const KB = 1024;

let dir: ReturnType<typeof makeTempDir>;

beforeEach(() => {
  dir = makeTempDir('tech-logs');
});

afterEach(() => {
  dir.remove();
});

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let tries = 0; !condition(); tries += 1) {
    if (tries > 200) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const sizes = (files: string[]) => files.map((file) => statSync(file).size);

describe('the kiosk log', () => {
  it('rotates into a chain of N files, each under its cap, the newest lines kept', () => {
    const log = createFileLog(dir.path, { maxBytes: 64 * KB, files: 3 });
    for (let line = 0; line < 6000; line += 1) log(`line ${line} ${'x'.repeat(80)}`);

    const chain = rotationChain(kioskLogFile(dir.path), 3);
    expect(readdirSync(join(dir.path, 'logs')).sort()).toEqual([
      'turnero.log',
      'turnero.log.1',
      'turnero.log.2',
    ]);
    for (const size of sizes(chain)) expect(size).toBeLessThanOrEqual(64 * KB);
    expect(sizes(chain).reduce((a, b) => a + b)).toBeGreaterThan(128 * KB);
    expect(readFileSync(chain[0] as string, 'utf8')).toContain('line 5999 ');
    const everything = chain.map((file) => readFileSync(file, 'utf8')).join('');
    expect(everything).not.toContain('line 0 ');
  });

  it('is redacted as it is written', () => {
    createFileLog(dir.path)('scan TRN-7K4P9Q for 12345678Z at https://c.example/c?code=TRN8M2N4R');
    const text = readFileSync(kioskLogFile(dir.path), 'utf8');
    expect(text).toContain('scan [booking-code] for [id-document]');
    for (const secret of ['7K4P9Q', '12345678Z', '8M2N4R']) expect(text).not.toContain(secret);
  });
});

describe('Chromium’s log, written by another process', () => {
  it('starts fresh at each launch, the previous launch’s output kept as .1', () => {
    const file = join(dir.path, 'chromium.log');
    writeFileSync(file, 'the previous launch\n');
    closeSync(openFreshLog(file, { maxBytes: 64 * KB, files: 3 }));
    expect(readFileSync(file, 'utf8')).toBe('');
    expect(readFileSync(`${file}.1`, 'utf8')).toBe('the previous launch\n');
  });

  it('stays capped while the other process keeps appending, without holes', async () => {
    const file = join(dir.path, 'chromium.log');
    const limits = { maxBytes: 16 * KB, files: 3 };
    const fd = openFreshLog(file, limits);
    // A chatty writer holding the file open, as Chromium holds its stderr.
    const writer = spawn('sh', ['-c', 'while :; do echo "[1:2:ERROR:gpu] a chatty line"; done'], {
      stdio: ['ignore', fd, 'ignore'],
    });
    closeSync(fd);
    const stop = capLogFile(file, limits, () => undefined, 20);
    try {
      await until(() => existsSync(`${file}.2`), 'two rotations');
    } finally {
      stop();
      writer.kill('SIGKILL');
      await new Promise((resolve) => writer.once('exit', resolve));
    }
    capLogFile(file, limits, () => undefined)();

    expect(existsSync(`${file}.3`)).toBe(false);
    // Append mode: after a truncation the writer went on at the new end, not at its old offset.
    expect(statSync(file).size).toBeLessThanOrEqual(16 * KB);
    expect(readFileSync(file, 'utf8')).not.toContain('\0');
    for (const rotated of [`${file}.1`, `${file}.2`]) {
      expect(statSync(rotated).size).toBeGreaterThan(16 * KB);
      // A writer at its old offset would have left a hole of NULs before its next line.
      expect(readFileSync(rotated, 'utf8')).not.toContain('\0');
    }
  });
});

describe('the log bundle on a USB stick', () => {
  let kit: TechnicianKit;
  const media = () => join(dir.path, 'media', 'tecnico');

  beforeEach(async () => {
    kit = await composeTechnicianKit({
      dataDir: join(dir.path, 'data'),
      now: () => NOW,
      printerStatus: 'ok',
      bookings: ['TRN-7K4P9Q'],
      // A folder stands in for the automounted stick: mounting needs root.
      usb: { roots: [media()], isMountPoint: () => true },
    });
  });

  afterEach(async () => {
    await kit.close();
  });

  it('says when no stick is mounted', async () => {
    expect(await kit.tools.exportLogs()).toEqual({ outcome: 'no-usb' });
    expect((await kit.tools.snapshot()).logs.usbVolume).toBeNull();
  });

  it('holds the kiosk’s and Chromium’s logs and the diagnostics, with no code, token or DNI', async () => {
    const dataDir = join(dir.path, 'data');
    // Written on the way in (redacted), and older files written raw, before redaction existed.
    createFileLog(dataDir)('scanned TRN-7K4P9Q and 12345678Z');
    writeFileSync(join(dataDir, 'logs', 'turnero.log.1'), 'old: code TRN-8M2N4R, NIE X1234567L\n');
    mkdirSync(join(dataDir, 'web-host'), { recursive: true });
    writeFileSync(
      join(dataDir, 'web-host', 'chromium.log'),
      '[1:1:INFO] navigated to http://127.0.0.1:5555/c/TRN-7K4P9Q?token=SeCrEt0123456789\n',
    );
    await kit.handler.submit({ input: 'TRN-7K4P9Q', source: 'keyboard-wedge' });
    mkdirSync(join(media(), 'KINGSTON'), { recursive: true });

    expect((await kit.tools.snapshot()).logs.usbVolume).toBe('KINGSTON');
    const result = await kit.tools.exportLogs();
    expect(result).toMatchObject({
      outcome: 'written',
      volume: 'KINGSTON',
      fileName: 'turnero-logs-kiosk-1-20261130T090000Z.tar.gz',
    });
    const archive = join(media(), 'KINGSTON', 'turnero-logs-kiosk-1-20261130T090000Z.tar.gz');
    expect(statSync(archive).size).toBe(result.outcome === 'written' ? result.bytes : -1);
    expect(readdirSync(join(media(), 'KINGSTON'))).toHaveLength(1);

    const out = join(dir.path, 'extracted');
    mkdirSync(out);
    // -m: the test's clock is in the future, and tar would say so about every file.
    const tar = spawnSync('tar', ['-xzmf', archive, '-C', out], { encoding: 'utf8' });
    expect(tar.stderr).toBe('');
    expect(tar.status).toBe(0);
    const listed = spawnSync('tar', ['-tzf', archive], { encoding: 'utf8' }).stdout.split('\n');
    expect(listed.filter(Boolean).sort()).toEqual([
      'diagnostics.json',
      'logs/turnero.log',
      'logs/turnero.log.1',
      'web-host/chromium.log',
    ]);
    const contents = listed
      .filter(Boolean)
      .map((name) => readFileSync(join(out, name), 'utf8'))
      .join('\n');
    for (const secret of ['7K4P9Q', '8M2N4R', '12345678Z', 'X1234567L', 'SeCrEt0123456789']) {
      expect(contents).not.toContain(secret);
    }
    expect(contents).toContain('old: code [booking-code]');
    expect(JSON.parse(readFileSync(join(out, 'diagnostics.json'), 'utf8'))).toMatchObject({
      app: { kioskId: 'kiosk-1' },
      sync: { outbox: { pending: 1 } },
    });
    expect(kit.audited().at(-1)).toEqual({
      action: 'logs-exported',
      detail: 'turnero-logs-kiosk-1-20261130T090000Z.tar.gz to KINGSTON',
    });
  });

  it('says it failed, leaving nothing behind, when the stick cannot take the file', async () => {
    mkdirSync(join(media(), 'FULL'), { recursive: true });
    // A folder where the bundle should go: the write fails as on a full or broken stick.
    mkdirSync(join(media(), 'FULL', 'turnero-logs-kiosk-1-20261130T090000Z.tar.gz.part'));
    expect(await kit.tools.exportLogs()).toEqual({ outcome: 'failed' });
    expect(readdirSync(join(media(), 'FULL'))).toEqual([
      'turnero-logs-kiosk-1-20261130T090000Z.tar.gz.part',
    ]);
  });
});
