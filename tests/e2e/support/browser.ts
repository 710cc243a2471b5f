/**
 * How the end-to-end tests launch Chromium on machines where `npx playwright install` cannot
 * download a browser: Debian's /usr/bin/chromium, overridable with TURNERO_CHROMIUM (e.g. to use
 * Playwright's own build). The flags keep Chromium off the (closed) network.
 */
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

export const CHROMIUM_PATH = process.env.TURNERO_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-features=Translate',
];

/** For `use.launchOptions` in playwright.config.ts. */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS],
};

/** For scripts and tests that drive playwright-core directly, outside the test runner. */
export function launchChromium(extra: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    ...chromiumLaunchOptions,
    ...extra,
    args: [...CHROMIUM_ARGS, ...(extra.args ?? [])],
  });
}

/** The two screen shapes a totem is installed in. */
export const PORTRAIT = { width: 1080, height: 1920 } as const;
export const LANDSCAPE = { width: 1920, height: 1080 } as const;
