/** The logo: PNG → dithered raster, its caches, NV install bytes, and printing by key. */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPrinterCli } from '../../src-main/tools/printer-cli';
import { decodeEscPos } from '../../src-main/printer/preview/escpos-decoder';
import { renderDecodedSvg } from '../../src-main/printer/preview/svg';
import { nvDefineBytes, nvPrintBytes } from '../../src-main/printer/logo/logo-commands';
import {
  installLogoBytes,
  LOGO_MARKER_FILE,
  prepareLogo,
  readLogoMarker,
  writeLogoMarker,
} from '../../src-main/printer/logo/logo-store';
import { rasterFromPbm, rasterFromPng } from '../../src-main/printer/logo/raster';
import { renderTicket } from '../../src-main/printer/ticket-template';
import { sampleLogoPng } from '../support/logo-fixture';
import { makeTempDir } from '../support/temp-dir';
import { sampleTicket } from '../support/ticket-fixtures';

const PC858 = { paperWidth: 80, codePage: 'PC858' } as const;
const url = 'https://sede.example.es/turno/C-014?t=3f1c9a52';

/** Share of black dots in a rectangle of the raster. */
function density(
  raster: { width: number; data: Buffer },
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): number {
  let black = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      if ((raster.data[y * (raster.width / 8) + (x >> 3)] as number) & (0x80 >> (x & 7))) black++;
    }
  }
  return black / ((x1 - x0) * (y1 - y0));
}

describe('logo raster', () => {
  it('fits the paper proportionally, never enlarges, pads rows to whole bytes', () => {
    const png = sampleLogoPng(960, 320);
    expect(rasterFromPng(png, { maxWidth: 576, maxHeight: 200 })).toMatchObject({
      width: 576,
      height: 192,
    });
    const narrow = rasterFromPng(png, { maxWidth: 384, maxHeight: 100 });
    expect(narrow).toMatchObject({ width: 304, height: 100 }); // 300 dots, padded to 304
    expect(narrow.data.length).toBe((304 / 8) * 100);
    const small = rasterFromPng(sampleLogoPng(100, 30), { maxWidth: 576, maxHeight: 200 });
    expect(small).toMatchObject({ width: 104, height: 30 });
  });

  it('dithers greys into dot density, keeps black black and transparency white', () => {
    const raster = rasterFromPng(sampleLogoPng(480, 160), { maxWidth: 576, maxHeight: 200 });
    // The disc (RGB 20/40/20) is solid black at its centre.
    expect(density(raster, 70, 70, 90, 90)).toBeGreaterThan(0.9);
    // The gradient band goes from dark to light.
    const dark = density(raster, 170, 60, 200, 100);
    const mid = density(raster, 300, 60, 330, 100);
    const light = density(raster, 430, 60, 440, 100);
    expect(dark).toBeGreaterThan(mid);
    expect(mid).toBeGreaterThan(light);
    expect(mid).toBeGreaterThan(0.25);
    expect(mid).toBeLessThan(0.75);
    // The transparent top-right corner is paper.
    expect(density(raster, 445, 0, 480, 35)).toBe(0);
  });
});

describe('NV logo', () => {
  let dataDir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dataDir = makeTempDir('logo');
  });
  afterEach(() => dataDir.remove());

  it('defines NV graphics by key on EPSON and the decoder reads the same image back', () => {
    const png = sampleLogoPng();
    const { bytes, marker } = installLogoBytes(png, 'epson', 80);
    const raster = rasterFromPng(png, { maxWidth: 576, maxHeight: 200 });
    expect(marker).toMatchObject({ method: 'gs-l', key: 'TL', width: raster.width });
    // ESC @, delete key "TL" (fn 66), then define (fn 67).
    expect([...bytes.subarray(0, 11)]).toEqual([
      0x1b, 0x40, 0x1d, 0x28, 0x4c, 4, 0, 48, 66, 0x54, 0x4c,
    ]);
    const decoded = decodeEscPos(Buffer.concat([bytes, nvPrintBytes('gs-l')]));
    expect(decoded.nvDefinitions).toEqual([
      { key: 'TL', width: raster.width, height: raster.height },
    ]);
    const block = decoded.blocks.find((b) => b.kind === 'nv-logo');
    expect(block).toMatchObject({ key: 'TL', image: { data: raster.data } });
  });

  it('defines a legacy FS q bit image on STAR, column format, read back intact', () => {
    const raster = rasterFromPng(sampleLogoPng(), { maxWidth: 384, maxHeight: 200 });
    const decoded = decodeEscPos(
      Buffer.concat([nvDefineBytes(raster, 'fs-q'), nvPrintBytes('fs-q'), Buffer.from('x\n')]),
    );
    expect(decoded.nvLogos).toEqual(['#1']);
    const block = decoded.blocks.find((b) => b.kind === 'nv-logo');
    if (block?.kind !== 'nv-logo' || !block.image) throw new Error('no NV image decoded');
    expect(block.image.width).toBe(raster.width);
    // Heights round up to 8 dots; the extra rows are white.
    expect(block.image.data.subarray(0, raster.data.length)).toEqual(raster.data);
    expect(decoded.text).toBe('x');
  });

  it('has no NV method on the generic profile', () => {
    expect(() => installLogoBytes(sampleLogoPng(), 'generic')).toThrow(/no NV logo/);
  });

  it('prints by key only when the installed logo is this very PNG, profile and width', () => {
    const png = sampleLogoPng();
    const options = { paperWidth: 80, profile: 'epson', dataDir: dataDir.path } as const;
    expect(prepareLogo(png, options).nv).toBeNull();
    writeLogoMarker(dataDir.path, installLogoBytes(png, 'epson', 80).marker);
    expect(readLogoMarker(dataDir.path)).toMatchObject({ key: 'TL', profile: 'epson' });
    expect(prepareLogo(png, options).nv).toEqual({ method: 'gs-l', key: 'TL' });
    // Another PNG, another width or a profile without that method: back to the raster.
    expect(prepareLogo(sampleLogoPng(400, 100), options).nv).toBeNull();
    expect(prepareLogo(png, { ...options, paperWidth: 58 }).nv).toBeNull();
    expect(prepareLogo(png, { ...options, profile: 'generic' }).nv).toBeNull();
  });

  it('keeps the raster in a disk cache keyed by the PNG hash', () => {
    const png = sampleLogoPng();
    const logo = prepareLogo(png, { paperWidth: 58, profile: 'epson', dataDir: dataDir.path });
    const files = readdirSync(join(dataDir.path, 'logo-cache'));
    expect(files).toEqual([`${logo.hash}-384x200.pbm`]);
    const cached = rasterFromPbm(
      readFileSync(join(dataDir.path, 'logo-cache', files[0] as string)),
    );
    expect(cached).toEqual(logo.raster);
  });

  it('costs a few bytes per ticket by key, kilobytes as a raster', () => {
    const png = sampleLogoPng();
    const raster = prepareLogo(png, { paperWidth: 80, profile: 'epson', dataDir: null });
    const nv = { ...raster, nv: { method: 'gs-l', key: 'TL' } as const };
    const ticket = sampleTicket({ qrUrl: url, estimatedWaitMinutes: 15 });

    const byKey = renderTicket(ticket, { ...PC858, logo: nv });
    expect(byKey.length).toBeLessThanOrEqual(1024);
    expect(decodeEscPos(byKey)).toMatchObject({ nvLogos: ['TL'], images: [], qrCodes: [url] });

    const asRaster = renderTicket(ticket, { ...PC858, logo: raster });
    expect(asRaster.length).toBeGreaterThan(byKey.length + raster.raster.data.length - 20);
    expect(decodeEscPos(asRaster)).toMatchObject({
      nvLogos: [],
      images: [{ width: raster.raster.width, height: raster.raster.height }],
    });
    // The generic profile ignores an NV logo it cannot print by key.
    const generic = decodeEscPos(renderTicket(ticket, { ...PC858, profile: 'generic', logo: nv }));
    expect(generic.nvLogos).toEqual([]);
    expect(generic.images).toHaveLength(1);
  });

  it('draws the ticket as SVG: text, the logo as an embedded PNG, the QR as a labelled box', () => {
    const logo = prepareLogo(sampleLogoPng(), { paperWidth: 58, profile: 'epson', dataDir: null });
    const bytes = renderTicket(sampleTicket({ qrUrl: url }), {
      paperWidth: 58,
      codePage: 'PC858',
      logo,
    });
    const svg = renderDecodedSvg(decodeEscPos(bytes), 384);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="384"/);
    expect(svg).toContain('<image x="');
    expect(svg).toContain('data:image/png;base64,iVBORw0KGgo');
    expect(svg).toContain(`<title>QR: ${url}</title>`);
    expect(svg).toContain('>C-014</text>');
    expect(svg).toContain('Ayuntamiento de Villanueva de la');
    expect(svg).toContain('font-weight="bold"');
  });
});

describe('printer CLI', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir('printer-cli');
  });
  afterEach(() => dir.remove());

  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runPrinterCli(
      args,
      {},
      { out: (l) => out.push(l), err: (l) => err.push(l) },
    );
    return { code, out, err };
  };

  it('installs the logo and records the marker, then prints the test page by key', async () => {
    writeFileSync(join(dir.path, 'logo.png'), sampleLogoPng());
    const config = join(dir.path, 'kiosk.json');
    writeFileSync(
      config,
      JSON.stringify({ dataDir: 'data', printer: { transport: 'virtual', logoFile: 'logo.png' } }),
    );
    const install = await run(['install-logo', '--config', config]);
    expect(install).toMatchObject({ code: 0, err: [] });
    expect(existsSync(join(dir.path, 'data', LOGO_MARKER_FILE))).toBe(true);
    const sent = readFileSync(join(dir.path, 'data', 'tickets', 'nv-logo-install.bin'));
    expect(decodeEscPos(sent).nvDefinitions).toHaveLength(1);

    const page = await run(['test-page', '--config', config, '--out', join(dir.path, 'p.bin')]);
    expect(page).toMatchObject({ code: 0, err: [] });
    const decoded = decodeEscPos(readFileSync(join(dir.path, 'p.bin')));
    expect(decoded.nvLogos).toEqual(['TL']);
    expect(decoded.text).toContain('Página de prueba de la impresora');
    expect(decoded.text).toContain('SYMBOLS: € ¿ ¡ ß « » ç ñ Ñ');
    expect(decoded.text).toContain('PC858 (ESC t 19), 80 mm, 48 col.');
  });

  it('explains what is missing', async () => {
    expect((await run(['frobnicate'])).code).toBe(2);
    const config = join(dir.path, 'kiosk.json');
    writeFileSync(config, JSON.stringify({ dataDir: 'data' }));
    const result = await run(['install-logo', '--config', config]);
    expect(result.code).toBe(1);
    expect(result.err.join('\n')).toContain('printer.logoFile is not set');
  });
});
