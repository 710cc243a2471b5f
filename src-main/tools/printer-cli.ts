/**
 * Technician commands for the ticket printer (`npm run printer -- <command> --config FILE`):
 *
 *   install-logo  stores printer.logoFile in the printer's NV memory over the configured transport
 *                 and records `<dataDir>/printer-logo.json`, so tickets print the logo by key
 *                 (a few bytes) instead of sending the raster (kilobytes) every time.
 *   test-page     prints the test page: settings, logo, every special character, a QR code.
 *
 * `--out FILE` writes the bytes to FILE instead of sending them. With the virtual printer the
 * bytes go to `<dataDir>/tickets/` and install-logo still records the marker, so the preview
 * shows the NV path. NV memory wears out: install once, not at every start-up.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultDataDir } from '../app/data-dir';
import { loadConfig } from '../config/load-config';
import { parsePrinterTransport, type Config } from '../config/schema';
import { createPrinterTransport } from '../printer/create-ticket-printer';
import { installLogoBytes, loadLogo, writeLogoMarker } from '../printer/logo/logo-store';
import { renderConfiguredTestPage } from '../printer/test-page';
import { cliOption, type CliIo } from './cli-io';
import { errorText } from '../logging/error-text';

/** Writing NV memory takes seconds on some models; never less than this for install-logo. */
const NV_WRITE_TIMEOUT_MS = 30_000;

const USAGE = `usage: npm run printer -- <install-logo|test-page> --config FILE [--out FILE]`;

function logoPath(config: Config, source: string | null): string | null {
  const file = config.printer.logoFile;
  if (!file) return null;
  return isAbsolute(file) || !source ? resolve(file) : resolve(dirname(source), file);
}

/** Sends `bytes` over the configured transport, or saves them (`--out`, virtual printer). */
async function deliver(
  config: Config,
  dataDir: string,
  bytes: Buffer,
  name: string,
  out: string | null,
  timeoutMs: number,
): Promise<string> {
  if (out) {
    writeFileSync(out, bytes);
    return `wrote ${bytes.length} bytes to ${out}`;
  }
  const transportConfig = parsePrinterTransport(config.printer.transport);
  if (!transportConfig) throw new Error(`printer.transport does not parse`);
  if (transportConfig.kind === 'virtual') {
    const dir = join(dataDir, 'tickets');
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${name}.bin`);
    await writeFile(file, bytes);
    return `virtual printer: wrote ${bytes.length} bytes to ${file}`;
  }
  const transport = createPrinterTransport(transportConfig);
  try {
    await transport.write(bytes, timeoutMs);
  } finally {
    await transport.close().catch(() => undefined);
  }
  return `sent ${bytes.length} bytes to ${config.printer.transport}`;
}

export async function runPrinterCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CliIo = { out: console.log, err: console.error },
): Promise<number> {
  const command = argv[0];
  if (command !== 'install-logo' && command !== 'test-page') {
    io.err(USAGE);
    return 2;
  }
  try {
    const { config, source } = loadConfig(argv, env);
    const dataDir = config.dataDir ?? defaultDataDir(env);
    const out = cliOption(argv, '--out');
    const { paperWidth, profile } = config.printer;
    const logoFile = logoPath(config, source);

    if (command === 'install-logo') {
      if (!logoFile) throw new Error('printer.logoFile is not set in the configuration');
      const png = readFileSync(logoFile);
      const installation = installLogoBytes(png, profile, paperWidth);
      const timeoutMs = Math.max(config.printer.timeoutMs, NV_WRITE_TIMEOUT_MS);
      io.out(await deliver(config, dataDir, installation.bytes, 'nv-logo-install', out, timeoutMs));
      if (!out) {
        writeLogoMarker(dataDir, installation.marker);
        const { width, height, key, method } = installation.marker;
        io.out(`logo ${width}x${height} stored as ${method} ${key}; tickets now print it by key`);
      }
      return 0;
    }

    const logo = logoFile ? loadLogo(logoFile, { paperWidth, profile, dataDir }) : null;
    const bytes = renderConfiguredTestPage(config, logo);
    io.out(await deliver(config, dataDir, bytes, 'test-page', out, config.printer.timeoutMs));
    return 0;
  } catch (error) {
    io.err(`printer ${command}: ${errorText(error)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  void runPrinterCli(process.argv.slice(2), process.env).then((code) => {
    process.exitCode = code;
  });
}
