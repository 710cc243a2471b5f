/**
 * The statistics page in real Chromium, served by a real Fastify server with the statistics
 * routes and the BUILT page, over a seeded office day on SQLite. The supervisor guard is a
 * stand-in (`allowAsIfSignedInSupervisor`) until the staff sign-in is merged: the page must
 * show the figures the test computes from its own seed in its tables and charts, download the
 * same figures as CSV, and pass axe at 1366×768; a 403 from the API shows the sign-in message.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { preHandlerAsyncHookHandler } from 'fastify';
import {
  DESKS,
  expectedCsvFigures,
  expectedFigures,
  februaryLocalHour,
  OFFICE_DAY,
  OFFICE_SITE,
  TRICKY_SERVICE_NAME,
  type PlannedTicket,
} from '../support/office-day';
import { startStatisticsServer, type StatisticsServer } from './support/statistics-server';

const DESKTOP = { width: 1366, height: 768 };
const SERVICES = ['empadronamiento', 'registro', 'licencias'];

/** Stand-in for the supervisor guard of the staff sign-in (merged later): lets everyone in. */
const allowAsIfSignedInSupervisor: preHandlerAsyncHookHandler = async () => undefined;
/** A session that is no longer a supervisor's: the page loads, its figures are refused. */
const refuseFiguresToNonSupervisor: preHandlerAsyncHookHandler = async (request, reply) => {
  if (request.url.startsWith('/office/api/')) {
    await reply.code(403).send({ error: { code: 'forbidden', message: 'supervisors only' } });
  }
};

let server: StatisticsServer;
test.afterEach(async () => {
  await server.close();
});

const minutes = (seconds: number | null) =>
  seconds === null
    ? '—'
    : new Intl.NumberFormat('es', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
        Math.round(seconds / 6) / 10,
      );

async function cellsOf(page: Page, table: string, row: string): Promise<string[]> {
  return page.getByTestId(table).locator(`tr[data-row="${row}"] td`).allTextContents();
}

async function openSeededDay(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.setViewportSize(DESKTOP);
  const response = await page.goto(`${server.url}/office/statistics?site=${OFFICE_SITE}`);
  expect(response?.status()).toBe(200);
  await page.getByLabel('Desde').fill(OFFICE_DAY);
  await page.getByLabel('Hasta').fill(OFFICE_DAY);
  await page.getByRole('button', { name: 'Ver' }).click();
  await expect(page.getByTestId('table-by-service')).toBeVisible();
  return problems;
}

test('shows the seeded day in charts and tables, downloads it as CSV, and passes axe', async ({
  page,
}) => {
  server = await startStatisticsServer(allowAsIfSignedInSupervisor);
  const plan = server.plan;
  const problems = await openSeededDay(page);
  const of = (predicate: (ticket: PlannedTicket) => boolean) =>
    expectedFigures(plan.filter(predicate));

  for (const serviceId of SERVICES) {
    const f = of((ticket) => ticket.serviceId === serviceId);
    expect(await cellsOf(page, 'table-by-service', serviceId)).toEqual([
      ...[
        f.tickets,
        f.withAppointment,
        f.walkIn,
        f.onTime,
        f.early,
        f.late,
        f.noShows,
        f.served,
      ].map(String),
      minutes(f.waitMedianSeconds),
      minutes(f.waitP90Seconds),
      minutes(f.serviceMedianSeconds),
      minutes(f.serviceP90Seconds),
    ]);
  }
  await expect(page.getByTestId('table-by-service').locator('tbody th')).toHaveText([
    'Empadronamiento',
    'Registro general',
    TRICKY_SERVICE_NAME,
  ]);
  const busyHours = [...new Set(plan.map((ticket) => februaryLocalHour(ticket.issuedAtMs)))];
  for (const hour of busyHours) {
    const f = of((ticket) => februaryLocalHour(ticket.issuedAtMs) === hour);
    expect(await cellsOf(page, 'table-by-hour', String(hour))).toEqual([
      String(f.tickets),
      minutes(f.waitMedianSeconds),
      minutes(f.waitP90Seconds),
    ]);
  }
  for (const desk of DESKS) {
    const f = of((ticket) => ticket.desk === desk);
    expect(await cellsOf(page, 'table-by-desk', desk)).toEqual([
      String(f.tickets),
      String(f.served),
      String(f.noShows),
      minutes(f.serviceMedianSeconds),
      minutes(f.serviceP90Seconds),
    ]);
  }
  const total = expectedFigures(plan);
  await expect(page.getByTestId('summary').locator('dd').first()).toHaveText(String(total.tickets));

  // The charts draw the same counts on their bars.
  const labels = (chart: string) =>
    page.getByTestId(chart).locator('.recharts-label-list text').allTextContents();
  const perService = (
    figure: 'withAppointment' | 'walkIn' | 'onTime' | 'early' | 'late' | 'noShows',
  ) => SERVICES.map((serviceId) => String(of((ticket) => ticket.serviceId === serviceId)[figure]));
  await expect
    .poll(() => labels('chart-by-service-kind'))
    .toEqual([...perService('withAppointment'), ...perService('walkIn')]);
  expect(await labels('chart-by-service-punctuality')).toEqual([
    ...perService('onTime'),
    ...perService('early'),
    ...perService('late'),
    ...perService('noShows'),
  ]);
  expect(await labels('chart-by-desk')).toEqual(
    DESKS.map((desk) => String(of((ticket) => ticket.desk === desk).served)),
  );
  const hourBars = await labels('chart-by-hour');
  expect(hourBars.map(Number).reduce((sum, count) => sum + count, 0)).toBe(total.tickets);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Descargar CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(
    `estadisticas-${OFFICE_SITE}-${OFFICE_DAY}-${OFFICE_DAY}.csv`,
  );
  const csv = readFileSync(await download.path());
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = csv.subarray(3).toString('utf8').split('\r\n').slice(1, -1);
  expect(rows).toEqual(
    SERVICES.map((serviceId) => {
      const name = serviceId === 'licencias' ? '"Licencias, obras; ""menores"""' : undefined;
      const shown =
        name ?? `"${serviceId === 'registro' ? 'Registro general' : 'Empadronamiento'}"`;
      return `"${OFFICE_DAY}";"${serviceId}";${shown};${expectedCsvFigures(
        plan.filter((ticket) => ticket.serviceId === serviceId),
      )}`;
    }),
  );

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => violation.id)).toEqual([]);
  expect(problems).toEqual([]);
});

test('asks to sign in as a supervisor when the figures are refused', async ({ page }) => {
  server = await startStatisticsServer(refuseFiguresToNonSupervisor);
  await page.setViewportSize(DESKTOP);
  await page.goto(`${server.url}/office/statistics?site=${OFFICE_SITE}`);
  const message = page.getByTestId('sign-in');
  await expect(message).toContainText('iniciar sesión como supervisor');
  await expect(message.getByRole('link', { name: 'Iniciar sesión' })).toHaveAttribute(
    'href',
    '/staff',
  );
  await page.getByLabel('Idioma').selectOption('en');
  await expect(message).toContainText('Sign in as a supervisor');
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => violation.id)).toEqual([]);
});
