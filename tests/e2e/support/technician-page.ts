/**
 * The technician mode in the real renderer: a PIN set on the kiosk's data folder before it
 * starts, and the session opened as the hidden gesture does (`tech:session-begin`), then the PIN
 * typed on the on-screen pad.
 */
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { PinFile } from '../../../src-main/technician/pin-file';

export const TECHNICIAN_PIN = '482916';

/** Sets the technician PIN of the kiosk whose data folder is `dataDir` (before it starts). */
export async function setTechnicianPin(dataDir: string, pin = TECHNICIAN_PIN): Promise<void> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  await new PinFile(dataDir).set(pin);
}

/** Opens the technician mode on `page` (at the citizen home) with the PIN. */
export async function openTechnicianMode(page: Page, pin = TECHNICIAN_PIN): Promise<void> {
  await page.evaluate(() => window.turnero?.invoke('tech:session-begin', {}));
  const keypad = page.getByRole('group', { name: 'Teclado del PIN' });
  for (const digit of pin) await keypad.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await expect(page.getByTestId('technician-mode')).toBeVisible();
}
