/**
 * Imported first by the lobby's entry, and importing nothing: zod probes `new Function` for its
 * fast path when it builds an object schema (at import time), and under the page's CSP (no
 * 'unsafe-eval') the refused probe is reported as a violation. zod reads its configuration from
 * this global when it loads; the lobby validates a few small messages, so the plain path is
 * enough and the page stays free of CSP reports.
 */
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
holder.__zod_globalConfig = { ...holder.__zod_globalConfig, jitless: true };

export {};
