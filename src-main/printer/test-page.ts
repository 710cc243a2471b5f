/**
 * The technician's test page (`npm run printer -- test-page`): profile, code page and its `ESC t`
 * number, the logo as tickets print it, every special character of Spanish, French, German and
 * English (each line as printed, transliterated where the page lacks a character), the largest
 * number size, a QR code, and the cut. Printed on site, it proves the settings in one glance.
 */
import type { Language } from '../../src-shared/domain/language';
import { translator } from '../../src-shared/i18n/translator';
import { TicketWriter, type TicketTemplateOptions } from './ticket-template';

/** Every character the four languages need, by language (what issue #3 item 5 lists and more). */
export const SPECIAL_CHARACTERS: Readonly<Record<'es' | 'fr' | 'de' | 'en' | 'symbols', string>> = {
  es: 'ñ Ñ á é í ó ú Á É Í Ó Ú ü Ü ¿ ¡ º ª',
  fr: 'à â ç è é ê ë î ï ô ù û ÿ À Â Ç È É Ê Ë Î Ï Ô Ù Û œ Œ « »',
  de: 'ä ö ü Ä Ö Ü ß',
  en: '£ $ @ # & % * + = / \\ | ~ ^',
  symbols: '€ ¿ ¡ ß « » ç ñ Ñ',
};

export interface TestPageOptions extends TicketTemplateOptions {
  language: Language;
  kioskId: string;
  qrUrl: string | null;
}

export function renderTestPage(options: TestPageOptions): Buffer {
  const t = translator(options.language);
  const page = new TicketWriter(options);
  page.logo(options.logo);
  page.align('center');
  page.bold(true);
  page.lines(t('ticket.testPage'));
  page.bold(false);
  page.rule();
  page.align('left');
  page.lines(`${page.profile.label}`);
  page.lines(
    `${options.codePage} (ESC t ${page.profile.codeTables[options.codePage]}), ` +
      `${options.paperWidth} mm, ${page.columns} col.`,
  );
  page.lines(
    `Logo: ${options.logo ? (options.logo.nv ? `NV ${options.logo.nv.key}` : 'raster') : '-'}`,
  );
  page.lines(`${t('ticket.kiosk')}: ${options.kioskId}`);
  page.rule();
  page.lines(`${t('ticket.testPageCharacters')}:`);
  for (const [language, characters] of Object.entries(SPECIAL_CHARACTERS)) {
    page.lines(`${language.toUpperCase()}: ${characters}`);
  }
  page.rule();
  page.align('center');
  page.huge('A-000');
  page.qr(options.qrUrl ?? 'https://example.es/turnero/test', 'QR');
  return page.finish();
}

/** The settings a kiosk's test page shows, as the configuration has them. */
export interface ConfiguredTestPage {
  printer: Pick<TicketTemplateOptions, 'paperWidth' | 'codePage' | 'profile'> & {
    qrUrl: string | null;
  };
  language: Language;
  kioskId: string;
}

/**
 * The test page for a configuration and its prepared logo: what `npm run printer -- test-page`
 * and the technician's diagnostics panel both print. The ticket QR URL is filled with a sample.
 */
export function renderConfiguredTestPage(
  config: ConfiguredTestPage,
  logo: TicketTemplateOptions['logo'],
): Buffer {
  const { paperWidth, codePage, profile, qrUrl } = config.printer;
  return renderTestPage({
    paperWidth,
    codePage,
    profile,
    logo,
    language: config.language,
    kioskId: config.kioskId,
    qrUrl:
      qrUrl
        ?.replaceAll('{number}', 'A-000')
        .replaceAll('{ticketId}', 'test-page')
        .replaceAll('{token}', 'test-page') ?? null,
  });
}
