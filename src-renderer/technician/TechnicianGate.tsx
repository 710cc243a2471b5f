/**
 * What the kiosk shows, by the technician session's phase: the citizen screens (with the hidden
 * corner) while it is closed, the PIN pad, or the technician mode. The citizen screens are
 * unmounted while the technician works, and the technician's when the session closes.
 */
import type { ReactNode } from 'react';
import './technician.css';
import { PinScreen } from './PinScreen';
import { TechnicianCorner } from './TechnicianCorner';
import { TechnicianMode } from './TechnicianMode';
import { useTechnician } from './technician-context';

export function TechnicianGate(props: { children: ReactNode }) {
  const phase = useTechnician((state) => state.session.phase);
  if (phase === 'open') return <TechnicianMode />;
  if (phase === 'pin') return <PinScreen />;
  return (
    <>
      {props.children}
      <TechnicianCorner />
    </>
  );
}
