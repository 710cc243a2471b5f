import type { ReactNode } from 'react';
import { useScreen } from '../state/store-context';
import { SetupWizard } from './SetupWizard';

/**
 * The first-run wizard while the kiosk has no configuration, the citizen screens otherwise. The
 * kiosk state decides (`readiness: 'unconfigured'`), so finishing the wizard, which switches the
 * kiosk into normal operation, brings the citizen screens up without a reload.
 */
export function SetupGate(props: { children: ReactNode }) {
  const unconfigured = useScreen((state) => state.kiosk?.readiness === 'unconfigured');
  return unconfigured ? <SetupWizard /> : props.children;
}
