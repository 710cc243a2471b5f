/**
 * What a page costs a phone on first load: every file Chromium fetches from the server while
 * opening it (the document, its scripts, styles and whatever they load at once; the API's JSON
 * answers are not files and are left out), each with its raw size and its size gzipped (the
 * compression a reverse proxy in front of the server would apply).
 */
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

export interface LoadedFile {
  path: string;
  bytes: number;
  gzipBytes: number;
}

export interface PageWeight {
  files: LoadedFile[];
  bytes: number;
  gzipBytes: number;
}

/** Opens `url` in `page` and waits until `ready` is visible and the network is idle. */
export async function firstLoadWeight(
  page: Page,
  url: string,
  ready: string,
  isFile: (path: string) => boolean,
): Promise<PageWeight> {
  const bodies: Promise<LoadedFile | null>[] = [];
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (!isFile(path)) return;
    bodies.push(
      response.body().then(
        (body) => ({ path, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length }),
        () => null,
      ),
    );
  });
  await page.goto(url);
  await page.locator(ready).first().waitFor();
  await page.waitForLoadState('networkidle');
  const files = (await Promise.all(bodies)).filter((file): file is LoadedFile => file !== null);
  return {
    files,
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
  };
}

/** The booking page's own files: everything under /book but its API. */
export const isBookingPageFile = (path: string): boolean =>
  path.startsWith('/book') && !path.startsWith('/book/api/');
