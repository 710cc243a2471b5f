/**
 * What happens when the citizen turns a page of walk-in services: the first service that can be
 * chosen takes the focus (the button just pressed may now be disabled, and a keyboard or switch
 * user goes on from the new services), and spoken guidance reads the new page and its services.
 * Nothing happens when the screen comes up: spoken guidance reads it as it reads every screen.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccessibility, useSpeechGuide } from '../accessibility/accessibility-context';
import { LANGUAGES } from '../../src-shared/i18n/catalogs';
import type { Language } from '../../src-shared/domain/language';

const isLanguage = (code: string): code is Language => (LANGUAGES as string[]).includes(code);

export function usePageGuidance(
  list: RefObject<HTMLElement | null>,
  page: { index: number; count: number; names: string[] },
): void {
  const { t, i18n } = useTranslation();
  const guide = useSpeechGuide();
  const speaking = useAccessibility((state) => state.choices.spokenGuidance);
  const shown = useRef(page.index);

  useEffect(() => {
    if (shown.current === page.index) return;
    shown.current = page.index;
    list.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    if (!speaking || !isLanguage(i18n.language)) return;
    const pageText = t('walkInPages.page', {
      page: String(page.index + 1),
      pages: String(page.count),
    });
    const services = t('walkInPages.spokenServices', { services: page.names.join(', ') });
    guide.say(`${pageText}. ${services}`, i18n.language);
    // Only a new page is read: not a re-render with the same one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [page.index]);
}
