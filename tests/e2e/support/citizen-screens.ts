/**
 * Every citizen screen and outcome the kiosk can show, and a driver that brings each one up
 * quickly in the BUILT renderer against the FAKE web host (support/fake-web-host.ts): entry
 * screens by their buttons, outcomes as main's `checkin:completed` event (what the serial
 * scanner's check-ins do), so no outcome needs a real check-in. Shared by the layout and axe
 * specs and by `npm run screenshots`.
 *
 * A new screen joins every check by adding one line to ENTRY_SCREENS (or OUTCOMES) and marking
 * its primary action with `data-primary`.
 */
import type { Page } from 'playwright-core';
import {
  IpcErrorCodeSchema,
  type CheckInResult,
  type IpcError,
  type IpcResult,
  type KioskState,
  type TicketView,
  type WalkInOptions,
} from '../../../src-shared/contract/ipc';
import type { Language, LocalizedText } from '../../../src-shared/domain/language';
import type { MessageCatalog } from '../../../src-shared/i18n/catalogs';
import { catalogOf, textsFor } from './catalog-texts';
import { errorMessage } from '../../../src-renderer/i18n/error-message';
import type { AccessibilityChoices } from '../../../src-renderer/accessibility/accessibility-store';
import { kioskStateFixture } from '../../support/kiosk-state-fixture';
import { startFakeWebHost, type FakeWebHost } from './fake-web-host';
import { LANDSCAPE, PORTRAIT } from './browser';

/** The three screens a kiosk is installed with: portrait and landscape totems, a small panel. */
export const VIEWPORTS = {
  portrait: PORTRAIT,
  landscape: LANDSCAPE,
  'small panel': { width: 800, height: 1280 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/**
 * In low reach, no control may start above this fraction of a portrait screen's height. On the
 * 43" portrait totem the point 1073 px from the top is 1.22 m above the floor, the highest a
 * wheelchair user reaches forward. The small panel's mounting height is not known: there, the
 * controls must be in the bottom 55 % of the screen, as the issue asks.
 */
export const REACH_LINES: Partial<Record<ViewportName, number>> = {
  portrait: 1073 / 1920,
  'small panel': 0.45,
};

export const CITIZEN_STATE: KioskState = kioskStateFixture({
  kioskId: 'totem-entrada-1',
  lastSyncAt: '2025-11-27T09:58:00+01:00',
  bookingUrl: 'https://cita.villanuevadelapena.es',
});

const SHORT_SERVICE: LocalizedText = {
  es: 'Padrón municipal',
  en: 'Census register',
  fr: 'Recensement municipal',
  de: 'Einwohnermeldeamt',
};

/**
 * A long procedure name, in every language, as long as a town hall's longest (about 65 to 85
 * characters: two or three lines on the result screen).
 */
const LONG_SERVICE: LocalizedText = {
  es: 'Certificado histórico de empadronamiento con domicilios anteriores',
  en: 'Historical certificate of registration on the municipal roll with previous addresses',
  fr: 'Certificat historique d’inscription sur la liste municipale avec adresses antérieures',
  de: 'Historische Meldebescheinigung mit allen früheren Wohnanschriften',
};

/**
 * A town hall's walk-in services as the walk-in screen is offered them, as many as a busy citizen
 * service office (SAC) has: ten that take walk-ins (two nearly spent, one spent, several with
 * long French and German names) and two appointment-only ones, with priority tickets.
 */
export const WALK_IN_OPTIONS: WalkInOptions = {
  priorityEnabled: true,
  showRemainingBelow: 5,
  services: [
    {
      id: 'empadronamiento',
      names: LONG_SERVICE,
      walkInsAllowed: true,
      remainingToday: 3,
    },
    {
      id: 'registro',
      names: {
        es: 'Registro general',
        en: 'General registry office',
        fr: 'Bureau d’enregistrement',
        de: 'Allgemeine Registratur',
      },
      walkInsAllowed: true,
      remainingToday: null,
    },
    {
      id: 'tributos',
      names: {
        es: 'Tributos y recibos',
        en: 'Local taxes and bills',
        fr: 'Impôts locaux et factures',
        de: 'Gemeindesteuern und Gebühren',
      },
      walkInsAllowed: true,
      remainingToday: 0,
    },
    {
      id: 'multas',
      names: { es: 'Multas', en: 'Fines', fr: 'Amendes', de: 'Bußgelder' },
      walkInsAllowed: true,
      remainingToday: null,
    },
    {
      id: 'estacionamiento',
      names: {
        es: 'Tarjeta de estacionamiento para personas con movilidad reducida',
        en: 'Parking card for people with reduced mobility',
        fr: 'Carte de stationnement pour personnes à mobilité réduite',
        de: 'Parkausweis für Menschen mit Behinderung und eingeschränkter Mobilität',
      },
      walkInsAllowed: true,
      remainingToday: 12,
    },
    {
      id: 'certificado-digital',
      names: {
        es: 'Certificado digital y Cl@ve: identificación presencial',
        en: 'Digital certificate and Cl@ve: identity check in person',
        fr: 'Certificat numérique et Cl@ve : vérification d’identité sur place',
        de: 'Digitales Zertifikat und Cl@ve: persönliche Identitätsprüfung',
      },
      walkInsAllowed: true,
      remainingToday: 1,
    },
    {
      id: 'servicios-sociales',
      names: {
        es: 'Servicios sociales: información y primera atención',
        en: 'Social services: information and first appointment',
        fr: 'Services sociaux : information et premier accueil',
        de: 'Sozialdienste: Auskunft und Erstberatung',
      },
      walkInsAllowed: true,
      remainingToday: null,
    },
    {
      id: 'via-publica',
      names: {
        es: 'Vados y ocupación de la vía pública',
        en: 'Driveway permits and use of public roads',
        fr: 'Bateaux de trottoir et occupation du domaine public',
        de: 'Grundstückszufahrten und Sondernutzung öffentlicher Straßen',
      },
      walkInsAllowed: true,
      remainingToday: null,
    },
    {
      id: 'cementerio',
      names: {
        es: 'Cementerio municipal',
        en: 'Municipal cemetery',
        fr: 'Cimetière municipal',
        de: 'Städtischer Friedhof und Bestattungswesen',
      },
      walkInsAllowed: true,
      remainingToday: null,
    },
    {
      id: 'objetos-perdidos',
      names: { es: 'Objetos perdidos', en: 'Lost property', fr: 'Objets trouvés', de: 'Fundbüro' },
      walkInsAllowed: true,
      remainingToday: null,
    },
    {
      id: 'urbanismo',
      names: {
        es: 'Licencias de obra',
        en: 'Building permits',
        fr: 'Permis de construire',
        de: 'Baugenehmigungen',
      },
      walkInsAllowed: false,
      remainingToday: null,
    },
    {
      id: 'matrimonios',
      names: {
        es: 'Matrimonios civiles',
        en: 'Civil weddings',
        fr: 'Mariages civils',
        de: 'Standesamtliche Trauungen',
      },
      walkInsAllowed: false,
      remainingToday: null,
    },
  ],
};

function ticket(number: string, overrides: Partial<TicketView> = {}): TicketView {
  return {
    id: `ticket-${number}`,
    number,
    serviceName: LONG_SERVICE,
    appointmentTime: '10:30',
    issuedAt: '2025-11-27T10:21:00+01:00',
    printStatus: 'printed',
    canReprint: false,
    priority: false,
    paperlessQr: `${number} Padrón`,
    ...overrides,
  };
}

const issued = (view: TicketView, outcome: CheckInResult['outcome'] = 'issued') =>
  ({ ok: true, value: { outcome, ticket: view } }) as const;

export interface OutcomeCase {
  name: string;
  outcome: IpcResult<CheckInResult>;
  /** The virtual printer's rendering, sent after the outcome as main does. */
  preview?: string;
}

const PREVIEW = Array.from({ length: 22 }, (_, line) =>
  line === 4 ? '                  A-101' : '-'.repeat(42),
).join('\n');

const ERROR_PARAMS: Record<string, string> = {
  time: '12:00',
  from: '11:30',
  number: 'C-014',
  letter: 'Z',
  day: '2025-11-30',
};

/** Every refusal the catalogs have a message for, each with the parameters its message uses. */
const ERROR_CASES: OutcomeCase[] = IpcErrorCodeSchema.options
  .filter((code) => code in catalogOf('es').errors)
  .map((code) => {
    const message = catalogOf('es').errors[code as keyof MessageCatalog['errors']];
    const names = [...message.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] as string);
    const params = Object.fromEntries(names.map((name) => [name, ERROR_PARAMS[name] ?? '?']));
    const error: IpcError = names.length > 0 ? { code, params } : { code };
    return { name: `error ${code}`, outcome: { ok: false, error } };
  });

/** Every result: issued, already issued, each print failure, unconfirmed, printing, preview. */
export const OUTCOMES: OutcomeCase[] = [
  { name: 'issued', outcome: issued(ticket('A-100', { serviceName: SHORT_SERVICE })) },
  {
    name: 'issued with ticket preview',
    outcome: issued(ticket('A-101', { serviceName: SHORT_SERVICE })),
    preview: PREVIEW,
  },
  { name: 'issued, long service name', outcome: issued(ticket('A-102')) },
  { name: 'already issued', outcome: issued(ticket('A-103'), 'already-issued') },
  {
    name: 'already issued, print failed',
    outcome: issued(
      ticket('A-104', { printStatus: 'failed', printFailure: 'paper-out', canReprint: true }),
      'already-issued',
    ),
  },
  ...(['paper-out', 'cover-open', 'offline', 'disconnected', 'timeout', 'error'] as const).map(
    (failure, index) => ({
      name: `print failed (${failure})`,
      outcome: issued(
        ticket(`B-${110 + index}`, {
          printStatus: 'failed',
          printFailure: failure,
          canReprint: failure !== 'paper-out',
        }),
      ),
    }),
  ),
  {
    name: 'unconfirmed',
    outcome: issued(ticket('A-120', { printStatus: 'unconfirmed', canReprint: true })),
  },
  { name: 'printing', outcome: issued(ticket('A-121', { printStatus: 'pending' })) },
  {
    name: 'walk-in (no appointment time)',
    outcome: issued(ticket('W-122', { appointmentTime: null })),
  },
  ...ERROR_CASES,
];

/** Home as the kiosk's state may change it: offline, or with the camera on (a technician setting). */
export interface HomeVariantCase {
  name: string;
  state: Partial<KioskState>;
  /** The `data-testid` of what the variant adds to home. */
  shows: string;
}

export const HOME_VARIANTS: HomeVariantCase[] = [
  { name: 'home, offline', state: { connectivity: 'offline' }, shows: 'offline-notice' },
  {
    name: 'home, offline and the printer down',
    state: {
      connectivity: 'offline',
      printer: { ...CITIZEN_STATE.printer, status: 'paper-out' },
    },
    shows: 'printer-notice',
  },
  {
    name: 'home with the camera',
    state: { scanner: { ...CITIZEN_STATE.scanner, camera: true } },
    shows: 'camera',
  },
];

export interface EntryScreenCase {
  name: string;
  /** The screen's `data-testid` once it is up. */
  testId: string;
  /** From home: brings the screen up and fills it as a citizen would. */
  open(kiosk: CitizenKiosk): Promise<void>;
  /** Back to home in the same session; by default the screen's "Volver" (`ui.codeEntry.back`). */
  leave?(kiosk: CitizenKiosk): Promise<void>;
  /**
   * For a screen shown a page at a time: turns to its next page and says so, or says there is
   * none. Each page is checked; afterwards `firstPage` turns back.
   */
  nextPage?(kiosk: CitizenKiosk): Promise<boolean>;
  firstPage?(kiosk: CitizenKiosk): Promise<void>;
}

/** The longest entry the field takes: a passport number. */
const LONGEST_ENTRY = 'X1234567890ABCD';

/** Turns the walk-in screen's page with `button`, if it is there to tap; false otherwise. */
async function turnWalkInPage(kiosk: CitizenKiosk, button: string): Promise<boolean> {
  const turn = kiosk.page.getByTestId(button);
  if ((await turn.count()) === 0 || (await turn.isDisabled())) return false;
  const page = kiosk.page.getByTestId('walk-in-page');
  const before = await page.textContent();
  await turn.click();
  await page.filter({ hasNotText: before ?? '' }).waitFor();
  return true;
}

/** The walk-in screen, every page of it, and its priority question (services: WALK_IN_OPTIONS). */
export const WALK_IN_SCREENS: EntryScreenCase[] = [
  {
    name: 'walk-in',
    testId: 'screen-walk-in',
    open: async (kiosk) => {
      await kiosk.page.getByTestId('start-walk-in').click();
      await kiosk.page.getByTestId('walk-in-registro').waitFor();
    },
    leave: (kiosk) => kiosk.tapButton('citizenFlows.walkIn.back'),
    nextPage: (kiosk) => turnWalkInPage(kiosk, 'walk-in-next'),
    firstPage: async (kiosk) => {
      while (await turnWalkInPage(kiosk, 'walk-in-previous'));
    },
  },
  {
    name: 'walk-in priority question',
    testId: 'screen-priority',
    open: async (kiosk) => {
      await kiosk.page.getByTestId('start-walk-in').click();
      await kiosk.page.getByTestId('walk-in-registro').click();
    },
    leave: async (kiosk) => {
      await kiosk.tapButton('citizenFlows.walkIn.back');
      await kiosk.page.getByTestId('screen-walk-in').waitFor();
      await kiosk.tapButton('citizenFlows.walkIn.back');
    },
  },
];

/** The screens reached from home. A new one adds a line here. */
export const ENTRY_SCREENS: EntryScreenCase[] = [
  {
    name: 'code entry',
    testId: 'screen-code-entry',
    open: async (kiosk) => {
      await kiosk.page.locator('[data-testid="screen-home"] [data-primary]').click();
      await kiosk.tapKeys(LONGEST_ENTRY);
    },
  },
  {
    name: 'ID entry',
    testId: 'screen-id-entry',
    open: async (kiosk) => {
      await kiosk.page.getByTestId('start-id-entry').click();
      await kiosk.tapKeys(LONGEST_ENTRY);
    },
  },
  ...WALK_IN_SCREENS,
];

export type ModeName = 'normal' | 'accessibility';

/** What each mode of the layout checks turns on. */
export const MODES: Record<ModeName, Partial<AccessibilityChoices>> = {
  normal: {},
  accessibility: { largeText: true, lowReach: true },
};

/** The kiosk page in one citizen's session, with the fake host that scripts its outcomes. */
export class CitizenKiosk {
  language: Language = 'es';

  private constructor(
    readonly page: Page,
    readonly host: FakeWebHost,
  ) {}

  static async start(page: Page, rendererDir: string, state = CITIZEN_STATE) {
    const host = await startFakeWebHost({
      rendererDir,
      state,
      checkIn: () => ({ ok: false, error: { code: 'booking-not-found' } }),
      walkInOptions: WALK_IN_OPTIONS,
    });
    const kiosk = new CitizenKiosk(page, host);
    await kiosk.restart();
    return kiosk;
  }

  /** A fresh page: the next citizen, on home, in Spanish, nothing chosen. */
  async restart(): Promise<void> {
    await this.page.goto(this.host.url());
    await this.page.getByTestId('screen-home').waitFor();
    await this.page.getByTestId('site-name').filter({ hasText: CITIZEN_STATE.siteName }).waitFor();
    this.language = 'es';
  }

  t(key: string, params?: Record<string, string>): string {
    return textsFor(this.language)(key, params);
  }

  async chooseLanguage(language: Language): Promise<void> {
    this.language = language;
    await this.page
      .getByRole('button', { name: catalogOf(language).ui.languages[language] })
      .click();
    await this.page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
  }

  /** Opens the accessibility panel, sets each choice given, and closes it. */
  async choose(choices: Partial<AccessibilityChoices>): Promise<void> {
    if (Object.keys(choices).length === 0) return;
    await this.openAccessibilityPanel();
    for (const [option, wanted] of Object.entries(choices)) {
      const toggle = this.page.locator(`.a11y-toggle[data-option="${option}"]`);
      if ((await toggle.getAttribute('aria-pressed')) !== String(wanted)) await toggle.click();
      await this.page
        .locator(`.a11y-toggle[data-option="${option}"][aria-pressed="${String(wanted)}"]`)
        .waitFor();
    }
    await this.closeAccessibilityPanel();
  }

  async openAccessibilityPanel(): Promise<void> {
    await this.page.getByTestId('accessibility-open').click();
    await this.page.locator('dialog[open] .a11y-panel__sheet').waitFor();
  }

  async closeAccessibilityPanel(): Promise<void> {
    await this.page.locator('dialog[open] [data-primary]').click();
    await this.page.locator('dialog[open]').waitFor({ state: 'detached' });
  }

  /**
   * Resizes the page and waits until the screens have answered the resize: the walk-in screen
   * decides in script how many services a page holds (walkin/walk-in-pages.ts), on the resize
   * event, which lands before the next frame.
   */
  async resize(viewport: { width: number; height: number }): Promise<void> {
    await this.page.setViewportSize(viewport);
    // Two frames: the resize event, then the render it caused (the tests have no DOM types).
    await this.page.evaluate(
      'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))',
    );
  }

  /**
   * A key press that does nothing but count as the citizen's activity: outcome screens go home
   * by themselves after seconds without one, and a slow measurement must not be cut short.
   */
  async touch(): Promise<void> {
    await this.page.keyboard.press('Shift');
  }

  async tapKeys(text: string): Promise<void> {
    const keyboard = this.page.getByRole('group', { name: this.t('ui.codeEntry.keyboardLabel') });
    for (const character of text) {
      await keyboard.getByRole('button', { name: character, exact: true }).click();
    }
  }

  /** Taps the button labelled with `key`'s text in the language chosen. */
  async tapButton(key: string): Promise<void> {
    await this.page.getByRole('button', { name: this.t(key), exact: true }).click();
  }

  async leave(screen: EntryScreenCase): Promise<void> {
    await (screen.leave ? screen.leave(this) : this.tapButton('ui.codeEntry.back'));
    await this.page.getByTestId('screen-home').waitFor();
  }

  /** Home in `variant`'s kiosk state; `undo` puts the usual state back. */
  async showHome(variant: HomeVariantCase): Promise<{ undo(): Promise<void> }> {
    this.host.setState(variant.state);
    await this.page.getByTestId(variant.shows).waitFor();
    return {
      undo: async () => {
        this.host.setState(CITIZEN_STATE);
        await this.page.getByTestId(variant.shows).waitFor({ state: 'detached' });
      },
    };
  }

  /** Shows `outcome` as a check-in main completed, and waits until it is on screen. */
  async show(outcome: OutcomeCase): Promise<void> {
    this.host.emit('checkin:completed', outcome.outcome);
    if (outcome.outcome.ok) {
      const { ticket: view } = outcome.outcome.value;
      await this.page.getByTestId('turn-number').filter({ hasText: view.number }).waitFor();
      if (outcome.preview !== undefined) {
        this.host.emit('printer:ticket-rendered', { ticketId: view.id, text: outcome.preview });
        await this.page.getByTestId('ticket-preview').waitFor();
      }
    } else {
      const text = errorMessage(textsFor(this.language), outcome.outcome.error, this.language);
      await this.page.getByTestId('error-message').filter({ hasText: text }).waitFor();
    }
  }
}
