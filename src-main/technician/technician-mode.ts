/**
 * The technician mode's parts, made and connected for the composition root: the PIN file, the
 * lockout, the card verifier, the audit log, the session, the settings editor and the settings
 * files, and the handlers of its channels. The settings' technician layer file is made by the
 * composition root itself, which loads it before any other part is made.
 */
import {
  CARD_REFUSAL_ERROR,
  type TechnicianSessionView,
} from '../../src-shared/contract/technician';
import type { BookingKey, Service } from '../../src-shared/contract/townhall-api';
import type { Event } from '../../src-shared/common/emitter';
import type { KioskEvents } from '../ipc/kiosk-events';
import type { SettingsService } from '../settings/settings-service';
import type { TechnicianAuditRepository } from '../store/technician-audit-repository';
import type { TechnicianLockoutRepository } from '../store/technician-lockout-repository';
import { AuditLog } from './audit-log';
import { ConfigTransfer } from './config-transfer';
import { PinFile } from './pin-file';
import { PinLockout } from './pin-lockout';
import { SettingsEditor } from './settings-editor';
import { TechnicianCardVerifier } from './technician-card';
import { technicianHandlers, type TechnicianChannel } from './technician-handlers';
import type { TechnicianLayerFile } from './technician-layer-file';
import { TechnicianSession } from './technician-session';
import type { IpcHandlers } from '../ipc/dispatcher';

export interface TechnicianModeDeps {
  dataDir: string;
  siteId: string;
  kioskId: string;
  settings: SettingsService;
  layerFile: TechnicianLayerFile;
  store: {
    technicianAudit: TechnicianAuditRepository;
    technicianLockout: TechnicianLockoutRepository;
  };
  /** The site's services as last pulled (walk-in choices). */
  services: () => readonly Service[];
  /** The keys that verify technician cards: the booking keys, configured and published. */
  cardKeys: () => readonly BookingKey[];
  events: Pick<KioskEvents, 'emit'>;
  log: (line: string) => void;
}

export interface TechnicianMode {
  readonly handlers: Pick<IpcHandlers, TechnicianChannel>;
  sessionOpen(): boolean;
  readonly onSessionChange: Event<TechnicianSessionView>;
  /** A technician card read by the main process's scanner (a serial one). */
  cardScanned(text: string): void;
  dispose(): void;
}

export function createTechnicianMode(deps: TechnicianModeDeps): TechnicianMode {
  const audit = new AuditLog(deps.store.technicianAudit, () => new Date(), deps.log);
  const session = new TechnicianSession({
    pins: new PinFile(deps.dataDir, deps.log),
    lockout: new PinLockout(deps.store.technicianLockout),
    cards: new TechnicianCardVerifier(deps.cardKeys, deps.siteId),
    audit,
  });
  const editor = new SettingsEditor({
    settings: deps.settings,
    layerFile: deps.layerFile,
    audit,
    services: () => deps.services().map(({ id, names }) => ({ id, names })),
  });
  const transfer = new ConfigTransfer({
    settings: deps.settings,
    editor,
    audit,
    kioskId: deps.kioskId,
  });
  return {
    handlers: technicianHandlers({ session, editor, transfer, audit }),
    sessionOpen: () => session.isOpen(),
    onSessionChange: session.onChange,
    cardScanned: (text) => {
      const { refusal } = session.presentCard(text);
      // Nobody on screen asked: a refused card is shown like a refused signed booking QR.
      if (refusal) {
        deps.events.emit('checkin:completed', {
          ok: false,
          error: { code: CARD_REFUSAL_ERROR[refusal] },
        });
      }
    },
    dispose: () => session.dispose(),
  };
}
