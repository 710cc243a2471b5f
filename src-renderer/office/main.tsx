/**
 * The office app's entry (office.html: desk, supervision, administration). zod is told to skip
 * its `new Function` probe before any schema is built (the page's CSP has no 'unsafe-eval'), so
 * the app itself is imported only after that.
 */
import '../lobby/zod-jitless';
import './office.css';

void import('./start-office');
