/**
 * Who may call what while the kiosk runs the first-run wizard: the citizen channels (they answer
 * "not ready": there is nothing to serve), and the `setup` channels until the kiosk is
 * configured. No technician channel: there is no technician session without a configuration.
 */
import type { AccessGuard } from '../ipc/dispatcher';

export function setupModeGuard(unconfigured: () => boolean): AccessGuard {
  return (access) => access === 'citizen' || (access === 'setup' && unconfigured());
}
