/**
 * The public booking page's entry (booking.html): `/book/?site=…` books, `/book/m/{manageToken}`
 * manages one booking (the token is the last part of the page's own path, never a query).
 */
import { startBooking } from './book-flow';
import { startManaging } from './manage';
import { startPage } from './page';
import { pageLanguage } from './texts';
import './booking.css';

const url = new URL(window.location.href);
const asked = url.searchParams.get('lang');
const language = pageLanguage(asked, navigator.languages ?? []);
const root = document.getElementById('booking-root');
const manage = /^\/book\/m\/([^/]+)$/.exec(url.pathname);
if (root && manage?.[1]) {
  startManaging(
    startPage(root, language, 'manageTitle'),
    decodeURIComponent(manage[1]),
    asked === null,
  );
} else if (root) {
  startBooking(startPage(root, language, 'pageTitle'), url.searchParams.get('site') ?? '');
}
