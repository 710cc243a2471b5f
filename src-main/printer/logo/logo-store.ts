/**
 * The town hall logo, prepared once: the dithered raster is cached in memory and on disk
 * (`<dataDir>/logo-cache/<png sha256>-<max width>x<max height>.pbm`), and the marker file
 * `<dataDir>/printer-logo.json`, written by `npm run printer -- install-logo`, says which image the
 * printer holds in NV memory, so tickets print it by key when (and only when) it is the same PNG.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initialize } from '../escpos/commands';
import { printerProfile, type NvLogoMethod, type PrinterProfileName } from '../profiles';
import { NV_LOGO_KEY, nvDefineBytes } from './logo-commands';
import {
  LOGO_MAX_HEIGHT,
  PAPER_DOTS,
  rasterFromPbm,
  rasterFromPng,
  rasterToPbm,
  type LogoRaster,
} from './raster';

type PaperWidth = 80 | 58;

/** What renderTicket needs to print the logo. */
export interface PreparedLogo {
  /** sha256 of the PNG file, hex. */
  hash: string;
  /** The raster fallback, already sized for the paper. */
  raster: LogoRaster;
  /** Set when this very PNG is installed in the printer's NV memory with this method and key. */
  nv: { method: Exclude<NvLogoMethod, null>; key: string } | null;
}

/** `<dataDir>/printer-logo.json`: what install-logo stored in the printer. */
export interface LogoMarker {
  hash: string;
  method: Exclude<NvLogoMethod, null>;
  key: string;
  profile: PrinterProfileName;
  paperWidth: PaperWidth;
  width: number;
  height: number;
  installedAt: string;
}

export const LOGO_MARKER_FILE = 'printer-logo.json';

export function hashPng(png: Buffer): string {
  return createHash('sha256').update(png).digest('hex');
}

const memoryCache = new Map<string, LogoRaster>();

/** The logo raster for `paperWidth`, from memory, the disk cache, or computed and cached. */
export function logoRaster(
  png: Buffer,
  paperWidth: PaperWidth,
  dataDir: string | null = null,
  hash = hashPng(png),
): LogoRaster {
  const fit = { maxWidth: PAPER_DOTS[paperWidth], maxHeight: LOGO_MAX_HEIGHT };
  const key = `${hash}-${fit.maxWidth}x${fit.maxHeight}`;
  const file = dataDir ? join(dataDir, 'logo-cache', `${key}.pbm`) : null;
  let raster = memoryCache.get(key) ?? null;
  if (!raster && file) {
    try {
      raster = rasterFromPbm(readFileSync(file));
    } catch {
      raster = null;
    }
  }
  raster ??= rasterFromPng(png, fit);
  memoryCache.set(key, raster);
  if (dataDir && file && !existsSync(file)) {
    try {
      mkdirSync(join(dataDir, 'logo-cache'), { recursive: true });
      writeFileSync(`${file}.tmp`, rasterToPbm(raster));
      renameSync(`${file}.tmp`, file);
    } catch {
      // The disk cache only saves start-up time; the memory copy is enough to print.
    }
  }
  return raster;
}

export function readLogoMarker(dataDir: string): LogoMarker | null {
  try {
    const marker = JSON.parse(readFileSync(join(dataDir, LOGO_MARKER_FILE), 'utf8')) as unknown;
    if (typeof marker !== 'object' || marker === null) return null;
    const m = marker as Partial<LogoMarker>;
    if (typeof m.hash !== 'string' || typeof m.key !== 'string') return null;
    if (m.method !== 'gs-l' && m.method !== 'fs-q') return null;
    return m as LogoMarker;
  } catch {
    return null;
  }
}

export function writeLogoMarker(dataDir: string, marker: LogoMarker): void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOGO_MARKER_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(marker, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

export interface PrepareLogoOptions {
  paperWidth: PaperWidth;
  profile: PrinterProfileName;
  /** Where the raster cache and the NV marker live; null keeps everything in memory. */
  dataDir: string | null;
}

/**
 * The logo as renderTicket wants it. NV printing is chosen only when the marker names the same
 * PNG (hash), a method this profile has, and the same paper width; otherwise the raster is used.
 */
export function prepareLogo(png: Buffer, options: PrepareLogoOptions): PreparedLogo {
  const hash = hashPng(png);
  const raster = logoRaster(png, options.paperWidth, options.dataDir, hash);
  const method = printerProfile(options.profile).nvLogo;
  const marker = options.dataDir ? readLogoMarker(options.dataDir) : null;
  const nv =
    method && marker && marker.hash === hash && marker.method === method
      ? marker.paperWidth === options.paperWidth
        ? { method, key: marker.key }
        : null
      : null;
  return { hash, raster, nv };
}

/** Reads `file` and prepares it; throws with the path when the file cannot be read or decoded. */
export function loadLogo(file: string, options: PrepareLogoOptions): PreparedLogo {
  let png: Buffer;
  try {
    png = readFileSync(file);
  } catch (error) {
    throw new Error(`Cannot read logo ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  try {
    return prepareLogo(png, options);
  } catch (error) {
    throw new Error(`Logo ${file} is not a usable PNG: ${(error as Error).message}`);
  }
}

export interface LogoInstallation {
  /** The bytes to send to the printer (ESC @ first, so no half-received job interferes). */
  bytes: Buffer;
  /** The marker to write once the bytes were delivered. */
  marker: LogoMarker;
}

/** Bytes that store `png` in the NV memory of a printer of `profile`, and the marker to record. */
export function installLogoBytes(
  png: Buffer,
  profile: PrinterProfileName,
  paperWidth: PaperWidth = 80,
  now: Date = new Date(),
): LogoInstallation {
  const method = printerProfile(profile).nvLogo;
  if (!method) {
    throw new Error(
      `the ${profile} profile has no NV logo support: tickets print the cached raster instead`,
    );
  }
  const hash = hashPng(png);
  const raster = logoRaster(png, paperWidth, null, hash);
  const bytes = Buffer.concat([initialize(), nvDefineBytes(raster, method)]);
  return {
    bytes,
    marker: {
      hash,
      method,
      key: method === 'gs-l' ? NV_LOGO_KEY : '#1',
      profile,
      paperWidth,
      width: raster.width,
      height: raster.height,
      installedAt: now.toISOString(),
    },
  };
}
