/** Starts the office app in the browser's language when it has a catalog, else Spanish. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { LanguageSchema } from '../../src-shared/domain/language';
import { createRendererI18n } from '../i18n/setup';
import { OfficeApp } from './common/OfficeApp';

const browserLanguage = LanguageSchema.safeParse(navigator.language.slice(0, 2));
const container = document.getElementById('office-root');
if (!container) throw new Error('office.html has no #office-root');
createRoot(container).render(
  <StrictMode>
    <I18nextProvider
      i18n={createRendererI18n(browserLanguage.success ? browserLanguage.data : 'es')}
    >
      <OfficeApp />
    </I18nextProvider>
  </StrictMode>,
);
