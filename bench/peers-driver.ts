/**
 * Driver printing, as kiosks that print through an OS printer driver do it: the ticket is laid
 * out as a page (HTML here, 576 px = 80 mm at 203 dpi), rendered by a browser engine, reduced to
 * one bit a dot and sent as raster bands (`GS v 0`), every dot of the page on the wire. Compared
 * with our ESC/POS ticket: text in the printer's font, the logo from its NV memory by key, the QR
 * drawn by the printer from its payload.
 *
 * The page is built from OUR ticket's bytes, decoded (escpos-decoder): same lines, same sizes,
 * same logo and QR, so the two jobs put the same ticket on paper and only the encoding differs.
 */
import { performance } from 'node:perf_hooks';
import QRCode from 'qrcode';
import type { Browser } from 'playwright-core';
import { bitmapToPng } from '../src-main/printer/preview/bitmap-png';
import type { DecodedBlock } from '../src-main/printer/preview/decoded-ticket';
import { decodeEscPos } from '../src-main/printer/preview/escpos-decoder';
import { rasterImageBytes } from '../src-main/printer/logo/logo-commands';
import { PAPER_DOTS, rasterFromPng, type LogoRaster } from '../src-main/printer/logo/raster';
import { printerProfile } from '../src-main/printer/profiles';
import { renderTicket, type TicketTemplateOptions } from '../src-main/printer/ticket-template';
import type { TicketPrintData } from '../src-main/printer/ticket-printer';
import { launchChromium } from '../tests/e2e/support/browser';
import { formatRatio, median } from './stats';
import type { Report } from './results';

const PAGE_WIDTH = PAPER_DOTS[80];
/** 203 dpi: 8 dots a millimetre. */
const DOTS_PER_MM = 8;
/** Rows per `GS v 0` command; its 8-byte header costs under 0.5 % of a 24-row band. */
const BAND_ROWS = 24;
/** Paper speed of a thermal ticket printer: 150 mm/s (entry models) to 250 mm/s. */
const PAPER_MM_PER_S = { slow: 150, fast: 250 } as const;
const BAUD_RATES = [9600, 115_200] as const;
const RASTER_RUNS = 20;
const RENDER_RUNS = 2000;
const ESC = 0x1b;

/** Milliseconds a serial line needs for `bytes` at `baud`, 8N1: ten bits on the wire a byte. */
const wireMs = (bytes: number, baud: number): number => (bytes * 10 * 1000) / baud;

const escapeHtml = (text: string): string =>
  text.replace(
    /[<>&"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] as string,
  );

const pngDataUri = (png: Buffer): string => `data:image/png;base64,${png.toString('base64')}`;

/** One decoded block as HTML: font A is 12 × 24 dots on a 30-dot pitch, so 20 px monospace. */
async function blockHtml(block: DecodedBlock, logoPng: Buffer): Promise<string> {
  switch (block.kind) {
    case 'line': {
      const { text, align, bold, height } = block.line;
      if (/^-+$/.test(text)) return '<hr>';
      const style =
        `text-align:${align};font-weight:${bold ? 'bold' : 'normal'};` +
        `font-size:${20 * height}px;line-height:${24 * height + 6}px`;
      return `<div style="${style}">${text ? escapeHtml(text) : '&nbsp;'}</div>`;
    }
    case 'nv-logo':
      // The driver has no NV memory to point at: the logo travels as an image on every page.
      return `<div style="text-align:${block.align}"><img src="${pngDataUri(logoPng)}"></div>`;
    case 'raster':
      return `<div style="text-align:${block.align}"><img src="${pngDataUri(bitmapToPng(block.image))}"></div>`;
    case 'qr': {
      const modules = QRCode.create(block.payload, { errorCorrectionLevel: 'M' }).modules.size;
      const svg = await QRCode.toString(block.payload, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 0,
        width: modules * block.moduleSize,
      });
      return `<div style="text-align:${block.align}">${svg}</div>`;
    }
    case 'cut':
      return '';
  }
}

/** Our ticket, decoded, as the page a driver-printing kiosk would lay out. */
export async function ticketPageHtml(ourBytes: Buffer, logoPng: Buffer): Promise<string> {
  const blocks: string[] = [];
  for (const block of decodeEscPos(ourBytes).blocks) {
    if (block.kind === 'cut') break;
    blocks.push(await blockHtml(block, logoPng));
  }
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    html, body { margin: 0; padding: 0; background: #fff; color: #000; }
    body { width: ${PAGE_WIDTH}px; font-family: 'DejaVu Sans Mono', monospace; }
    div { white-space: pre; overflow: hidden; }
    hr { border: 0; border-top: 2px solid #000; margin: 14px 0; }
    svg { shape-rendering: crispEdges; }
  </style></head><body>${blocks.join('\n')}</body></html>`;
}

/**
 * The page as a driver sends it: reset, then `GS v 0` bands top to bottom, then the cut. With
 * `feedWhiteBands` an all-white band is sent as a 3-byte paper feed (`ESC J n`) instead, as
 * the thriftier drivers do.
 */
export function driverJob(raster: LogoRaster, feedWhiteBands: boolean): Buffer {
  const rowBytes = raster.width / 8;
  const parts: Buffer[] = [Buffer.from([ESC, 0x40])];
  for (let top = 0; top < raster.height; top += BAND_ROWS) {
    const rows = Math.min(BAND_ROWS, raster.height - top);
    const data = raster.data.subarray(top * rowBytes, (top + rows) * rowBytes);
    if (feedWhiteBands && data.every((byte) => byte === 0)) {
      parts.push(Buffer.from([ESC, 0x4a, rows]));
    } else {
      parts.push(rasterImageBytes({ width: raster.width, height: rows, data }));
    }
  }
  parts.push(printerProfile('epson').cut);
  return Buffer.concat(parts);
}

interface Rasterised {
  raster: LogoRaster;
  job: Buffer;
  ms: number;
}

/** HTML → Chromium screenshot (PNG) → gray → dithered 1 bit → `GS v 0` bands, timed. */
async function rasterise(browser: Browser, html: string, runs: number): Promise<Rasterised[]> {
  const page = await browser.newPage({
    viewport: { width: PAGE_WIDTH, height: 800 },
    deviceScaleFactor: 1,
  });
  try {
    const out: Rasterised[] = [];
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      await page.setContent(html, { waitUntil: 'load' });
      const png = await page.screenshot({ fullPage: true, type: 'png' });
      const raster = rasterFromPng(png, {
        maxWidth: PAGE_WIDTH,
        maxHeight: Number.MAX_SAFE_INTEGER,
      });
      const job = driverJob(raster, false);
      out.push({ raster, job, ms: performance.now() - start });
    }
    return out;
  } finally {
    await page.close();
  }
}

function timeOurRender(ticket: TicketPrintData, options: TicketTemplateOptions): number {
  const times: number[] = [];
  for (let run = 0; run < RENDER_RUNS; run++) {
    const start = performance.now();
    renderTicket(ticket, options);
    times.push(performance.now() - start);
  }
  return median(times);
}

const wireFigure = (bytes: number): string =>
  BAUD_RATES.map((baud) => {
    const ms = wireMs(bytes, baud);
    return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`;
  }).join(' / ');

export async function runDriverPrintingBench(
  report: Report,
  ticket: TicketPrintData,
  options: TicketTemplateOptions,
  logoPng: Buffer,
): Promise<void> {
  const ours = renderTicket(ticket, options);
  const html = await ticketPageHtml(ours, logoPng);
  let browser: Browser;
  const launchStart = performance.now();
  try {
    browser = await launchChromium();
  } catch (error) {
    report(
      'driver printing (peer)',
      `skipped: Chromium did not start: ${(error as Error).message}`,
    );
    return;
  }
  const launchMs = performance.now() - launchStart;
  let runs: Rasterised[];
  try {
    runs = await rasterise(browser, html, RASTER_RUNS + 1);
  } finally {
    await browser.close();
  }
  // The first run pays for the page's first layout and the fonts: reported, not in the median.
  const [first, ...measured] = runs as [Rasterised, ...Rasterised[]];
  const { raster, job } = first;
  const fed = driverJob(raster, true);

  report('driver printing (peer), the same 80 mm ticket', '');
  report('  bytes, ours (ESC/POS text, NV logo by key, native QR)', `${ours.length} B`, {
    value: ours.length,
    unit: 'B',
  });
  report(
    `  bytes, driver (${raster.width}×${raster.height} dots, GS v 0 in ${BAND_ROWS}-row bands)`,
    `${job.length} B`,
    { value: job.length, unit: 'B' },
  );
  report('  bytes, driver that feeds white bands', `${fed.length} B`, {
    value: fed.length,
    unit: 'B',
  });
  const ratio = job.length / ours.length;
  report(
    '  driver / ours',
    `${formatRatio(ratio)} (${formatRatio(fed.length / ours.length)} feeding white bands)`,
    { value: Number(ratio.toFixed(1)), unit: '×' },
  );
  for (const [name, bytes] of [
    ['ours', ours.length],
    ['driver', job.length],
    ['driver feeding white bands', fed.length],
  ] as const) {
    report(`  on the wire at 9600 / 115200 baud (10 bits/B), ${name}`, wireFigure(bytes));
  }
  const paperMm = raster.height / DOTS_PER_MM;
  report(
    `  ticket length on paper (the page, ${DOTS_PER_MM} dots/mm)`,
    `${paperMm.toFixed(0)} mm: ${((paperMm / PAPER_MM_PER_S.fast) * 1000).toFixed(0)}–` +
      `${((paperMm / PAPER_MM_PER_S.slow) * 1000).toFixed(0)} ms at ` +
      `${PAPER_MM_PER_S.fast}–${PAPER_MM_PER_S.slow} mm/s`,
  );

  const ourMs = timeOurRender(ticket, options);
  const rasterMs = median(measured.map((run) => run.ms));
  report(`  render, ours (renderTicket, median of ${RENDER_RUNS})`, `${ourMs.toFixed(3)} ms`, {
    value: ourMs,
    unit: 'ms',
  });
  report(
    `  rasterise, driver (HTML → Chromium PNG → dither → bands, median of ${RASTER_RUNS})`,
    `${rasterMs.toFixed(1)} ms (first page ${first.ms.toFixed(0)} ms)`,
    { value: rasterMs, unit: 'ms' },
  );
  report('  rasterise / render', formatRatio(rasterMs / ourMs), {
    value: Math.round(rasterMs / ourMs),
    unit: '×',
  });
  report('  Chromium start, once (not in the figures above)', `${launchMs.toFixed(0)} ms`, {
    value: launchMs,
    unit: 'ms',
  });
}
