/**
 * The lobby page's entry (lobby.html). zod must be configured before any schema is built, and a
 * bundler hoists static imports above the entry's own code, so the screen itself is imported
 * only once zod-jitless has run.
 */
import './zod-jitless';
import './lobby.css';

void import('./start-lobby');
