/**
 * The statistics page, started by main.tsx: the range comes from the address
 * (`?site=&from=&to=`, as the server's redirect and a shared link give it), today by default.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { StatisticsQuery } from '../../../src-shared/contract/office-statistics';
import { localDayOf, LOCAL_DAY_PATTERN } from '../../../src-shared/domain/site-time';
import { createRendererI18n } from '../../i18n/setup';
import { StatisticsPage } from './StatisticsPage';

function queryFromAddress(location: Location): StatisticsQuery {
  const params = new URLSearchParams(location.search);
  const today = localDayOf(new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone);
  const day = (name: string) => {
    const value = params.get(name);
    return value && LOCAL_DAY_PATTERN.test(value) ? value : today;
  };
  return { site: params.get('site') ?? '', from: day('from'), to: day('to') };
}

const keepInAddress = (query: StatisticsQuery) => {
  const search = new URLSearchParams({ site: query.site, from: query.from, to: query.to });
  window.history.replaceState(null, '', `?${search.toString()}`);
};

const container = document.getElementById('statistics-root');
if (!container) throw new Error('statistics.html has no #statistics-root');
createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={createRendererI18n('es')}>
      <StatisticsPage initialQuery={queryFromAddress(window.location)} onQuery={keepInAddress} />
    </I18nextProvider>
  </StrictMode>,
);
