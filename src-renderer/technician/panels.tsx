/**
 * The technician mode's panels, in the order of its navigation. A feature adds its panel with
 * one entry: an id, the catalog key of its label (in its own catalog area), and the component,
 * which renders below the panel's heading and keeps its data in its own state (dropped when the
 * technician leaves). Diagnostics, statistics and the first-run wizard plug in here.
 */
import type { ComponentType } from 'react';
import { AuditPanel } from './panels/AuditPanel';
import { PinChangePanel } from './panels/PinChangePanel';
import { SettingsPanel } from './panels/SettingsPanel';
import { TransferPanel } from './panels/TransferPanel';

export interface TechnicianPanel {
  /** Unique, stable: tests and `data-testid="technician-panel-<id>"` use it. */
  id: string;
  /** The catalog key of the panel's name in the navigation and its heading. */
  labelKey: string;
  Component: ComponentType;
}

export const TECHNICIAN_PANELS: readonly TechnicianPanel[] = [
  { id: 'settings', labelKey: 'technician.panels.settings', Component: SettingsPanel },
  { id: 'transfer', labelKey: 'technician.panels.transfer', Component: TransferPanel },
  { id: 'audit', labelKey: 'technician.panels.audit', Component: AuditPanel },
  { id: 'pin', labelKey: 'technician.panels.pin', Component: PinChangePanel },
];
