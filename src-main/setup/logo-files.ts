/**
 * The town hall logo in the wizard: PNG files offered from where a technician brings them (beside
 * the configuration, in the data folder, on a USB stick under /media or /run/media), and the
 * preview of what the printer will store: the same dithered raster install-logo sends, as a PNG.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { bitmapToPng } from '../printer/preview/bitmap-png';
import { logoRaster } from '../printer/logo/logo-store';
import type { LogoRaster } from '../printer/logo/raster';

/** A logo is a few kilobytes; anything this big is not one (and would stall the screen). */
const MAX_LOGO_BYTES = 4 * 1024 * 1024;
const MAX_FILES = 50;

export interface LogoFile {
  path: string;
  name: string;
}

async function entries(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

/** The folders of mounted removable media: `/media/<user>/<stick>` and `/run/media/…`. */
async function mountedMedia(roots: readonly string[]): Promise<string[]> {
  const folders: string[] = [];
  for (const root of roots) {
    for (const first of await entries(root)) {
      const level1 = join(root, first);
      if (!(await isDirectory(level1))) continue;
      folders.push(level1);
      for (const second of await entries(level1)) {
        const level2 = join(level1, second);
        if (await isDirectory(level2)) folders.push(level2);
      }
    }
  }
  return folders;
}

/** PNG files directly inside `folders` and the removable media under `mediaRoots`. */
export async function listLogoFiles(
  folders: readonly string[],
  mediaRoots: readonly string[] = ['/media', '/run/media'],
): Promise<LogoFile[]> {
  const files: LogoFile[] = [];
  const seen = new Set<string>();
  for (const folder of [...folders, ...(await mountedMedia(mediaRoots))]) {
    for (const name of await entries(folder)) {
      const path = join(folder, name);
      if (!/\.png$/i.test(name) || seen.has(path)) continue;
      seen.add(path);
      files.push({ path, name: basename(path) });
      if (files.length >= MAX_FILES) return files;
    }
  }
  return files;
}

/** Reads a PNG the technician chose; throws with the reason when it cannot be one. */
export async function readLogoPng(path: string): Promise<Buffer> {
  const info = await stat(path);
  if (!info.isFile()) throw new Error(`${path} is not a file`);
  if (info.size > MAX_LOGO_BYTES) throw new Error(`${path} is larger than 4 MiB`);
  return readFile(path);
}

/** The raster for the paper and its PNG as a data URL, for the screen. */
export function logoPreview(
  png: Buffer,
  paperWidth: 80 | 58,
): { raster: LogoRaster; image: string } {
  const raster = logoRaster(png, paperWidth);
  return { raster, image: `data:image/png;base64,${bitmapToPng(raster).toString('base64')}` };
}
