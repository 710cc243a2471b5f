/**
 * The one way into a check-in, whoever reads the booking: the screen (`checkin:submit`: touch,
 * keyboard-wedge scanner, camera) or the main process's serial scanner. Both reach the same
 * `CheckInService.checkIn`, in the language the citizen chose on screen.
 */
import type { CheckInResult, IpcResult } from '../../src-shared/contract/ipc';
import type { Language } from '../../src-shared/domain/language';
import type { ScanSource } from '../../src-shared/contract/diagnostics';
import type { ScanMode } from '../../src-shared/domain/scan-payload';
import type { KioskEvents } from '../ipc/kiosk-events';
import { errorText } from '../logging/error-text';
import type { CheckInService } from './check-in-service';

export interface CheckInRequest {
  input: string;
  mode?: ScanMode;
  /** The screen's language; the citizen's session language when absent (a serial scan). */
  language?: Language;
  /** What read it on screen: typed on the touch keyboard, a keyboard-wedge scanner, the camera. */
  source?: 'touch' | ScanSource;
}

/** A scanner read something (not a citizen typing): diagnostics keep its form, not its text. */
export interface ScanWatcher {
  read(input: string, mode: ScanMode, source: ScanSource): void;
  garbage(source: ScanSource): void;
}

export interface CheckInHandlerDeps {
  checkIns: Pick<CheckInService, 'checkIn'>;
  session: { sessionLanguage(): Language };
  events: Pick<KioskEvents, 'emit'>;
  log: (line: string) => void;
  scans?: ScanWatcher;
}

export class CheckInHandler {
  constructor(private readonly deps: CheckInHandlerDeps) {}

  /** A booking read by the screen or a scanner; never throws. */
  submit(request: CheckInRequest): Promise<IpcResult<CheckInResult>> {
    if (request.source !== undefined && request.source !== 'touch') {
      this.deps.scans?.read(request.input, request.mode ?? 'code', request.source);
    }
    const language = request.language ?? this.deps.session.sessionLanguage();
    return this.deps.checkIns.checkIn(request.input, language, request.mode);
  }

  /**
   * A scan read by the main process: checked in like a screen submission, and its outcome sent
   * to the screen as `checkin:completed` (nobody on screen asked for it).
   */
  async scanned(text: string): Promise<void> {
    try {
      const result = await this.submit({ input: text, source: 'serial' });
      // The outcome, never the scanned text: a scan may carry a booking token or an ID.
      this.deps.log(
        `scan: ${result.ok ? `${result.value.outcome} ${result.value.ticket.number}` : result.error.code}`,
      );
      this.deps.events.emit('checkin:completed', result);
    } catch (error) {
      this.deps.log(`scan failed: ${errorText(error)}`);
    }
  }

  /** The scanner dropped a frame (noise, over-long): the citizen is asked to scan again. */
  rejected(): void {
    this.deps.scans?.garbage('serial');
    this.deps.events.emit('checkin:completed', { ok: false, error: { code: 'unrecognised-code' } });
  }
}
