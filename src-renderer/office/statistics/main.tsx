/**
 * The statistics page's entry (statistics.html). As on the lobby page, zod must be told not to
 * probe `new Function` (refused by the page's CSP) before any schema is built, so the page
 * itself is imported only once zod-jitless has run.
 */
import '../../lobby/zod-jitless';
import './statistics.css';

void import('./start-statistics');
