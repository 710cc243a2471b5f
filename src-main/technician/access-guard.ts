/**
 * Who may call which channel (`access` in the IPC contract), as the dispatcher asks before it
 * even parses a payload: citizen channels always; technician channels only in an open technician
 * session; setup channels in an open session or while the kiosk is not configured yet (the
 * first-run wizard supplies `unconfigured`).
 */
import type { AccessGuard } from '../ipc/dispatcher';

export interface AccessFacts {
  sessionOpen(): boolean;
  unconfigured(): boolean;
}

export function createAccessGuard(facts: AccessFacts): AccessGuard {
  return (access) => {
    switch (access) {
      case 'citizen':
        return true;
      case 'technician':
        return facts.sessionOpen();
      case 'setup':
        return facts.sessionOpen() || facts.unconfigured();
    }
  };
}
