/**
 * The suite's knobs, from the environment (docs/reliability.md). Defaults are the CI setting:
 * the whole suite within about 10 minutes on 2 cores. Nightly runs longer windows and more.
 */
function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer, not ${JSON.stringify(raw)}`);
  }
  return value;
}

export const reliabilitySettings = {
  /** Seed of the kill schedules; printed by each test so a failure can be replayed. */
  seed: positiveInteger('TURNERO_RELIABILITY_SEED', 20260210),
  /** Distinct bookings scanned by the kill tests. */
  codes: positiveInteger('TURNERO_RELIABILITY_CODES', 200),
  /** Fewest kills of the kiosk (or of the server) in a kill test. */
  kills: positiveInteger('TURNERO_RELIABILITY_KILLS', 10),
  /** How long the town hall refuses the kiosk's credential (401) in the revocation test. */
  revokeSeconds: positiveInteger('TURNERO_RELIABILITY_REVOKE_SECONDS', 60),
  /** Check-ins of the soak test. */
  soakCheckIns: positiveInteger('TURNERO_RELIABILITY_SOAK_CHECKINS', 20_000),
};

/**
 * Test timeouts that grow with the settings, so a nightly run is not cut short. They only stop
 * a hung run: generous bounds, never a measure (nothing here asserts on wall-clock time).
 */
export const reliabilityTimeouts = {
  /** Setup, scanning at 200 ms a code, ~10 s a kill and restart, the rescan, delivery. */
  killTestMs: 300_000 + reliabilitySettings.codes * 600 + reliabilitySettings.kills * 10_000,
  /** Setup, the window, the longest push backoff after it, the rescan. */
  revokeTestMs: 600_000 + reliabilitySettings.revokeSeconds * 1000,
  /** Up to 5 ms a check-in on a loaded machine. */
  soakMs: 120_000 + reliabilitySettings.soakCheckIns * 5,
};
