/**
 * The day's conflicts from kiosks on the supervisor page, through the REAL server in Chromium
 * (tests/e2e/support/office-server.ts): a kiosk's ticket refused while the page is open (a number
 * another ticket already has) appears without a reload, with what happened and what to do; axe
 * at 1366×768.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import type { TurneroServer } from '../../server/server';
import { apiPaths } from '../../src-shared/contract/townhall-api';
import { expectNoAxeViolations } from './support/office-axe';
import {
  issueWalkIn,
  OFFICE_SITE,
  OFFICE_VIEWPORT,
  signInOnPage,
  startOfficeServer,
} from './support/office-server';

let server: TurneroServer;

test.afterEach(async () => {
  await server.close();
});

/** A second kiosk reports a walk-in under a number another ticket already has: refused. */
async function reportTakenNumber(ticketNumber: string): Promise<number> {
  const ticketId = randomUUID();
  const response = await fetch(`${server.url}${apiPaths.walkIns(OFFICE_SITE)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': ticketId },
    body: JSON.stringify({
      ticketId,
      serviceId: 'empadronamiento',
      kioskId: 'kiosk-2',
      ticketNumber,
      issuedAt: new Date().toISOString(),
    }),
  });
  return response.status;
}

test('the supervisor sees a kiosk conflict appear live, with what to do', async ({ page }) => {
  server = await startOfficeServer();
  await issueWalkIn(server, 'E-007', 'empadronamiento', 3);
  await page.setViewportSize(OFFICE_VIEWPORT);
  await page.goto(`${server.url}/office/supervisor`);
  await signInOnPage(page, 'super');
  const panel = page.getByRole('region', { name: 'Conflictos de los quioscos hoy' });
  await expect(panel).toContainText('Ningún quiosco ha tenido conflictos hoy.');

  expect(await reportTakenNumber('E-007')).toBe(409);
  const row = page.getByTestId('conflicts').getByRole('row').nth(1);
  await expect(row).toContainText('kiosk-2');
  await expect(row).toContainText('E-007');
  await expect(row).toContainText('Empadronamiento');
  await expect(row).toContainText('Otro turno del servicio ya tenía el número E-007 hoy.');
  await expect(row).toContainText(
    'Dos personas pueden tener el E-007: al llamarlo, atienda a ambas.',
  );
  await expectNoAxeViolations(page);
});
