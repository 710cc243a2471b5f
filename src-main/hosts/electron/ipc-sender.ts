/**
 * Who may call `turnero:invoke`: only the main frame of the kiosk window, showing the app's own
 * origin. Anything else (a subframe, another window, a page that somehow navigated away) is
 * refused before the dispatcher sees the payload.
 */
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { isAppUrl } from './app-protocol';

/** The parts of an IPC event and of the kiosk window that the check reads. */
export interface SenderFacts {
  senderWebContentsId: number;
  frame: { url: string; processId: number; routingId: number; isTopLevel: boolean } | null;
}

export interface TrustedWindowFacts {
  webContentsId: number;
  mainFrame: { processId: number; routingId: number };
}

export function isTrustedSender(sender: SenderFacts, trusted: TrustedWindowFacts | null): boolean {
  if (trusted === null || sender.frame === null) return false;
  if (sender.senderWebContentsId !== trusted.webContentsId) return false;
  const { frame } = sender;
  if (!frame.isTopLevel) return false;
  if (frame.processId !== trusted.mainFrame.processId) return false;
  if (frame.routingId !== trusted.mainFrame.routingId) return false;
  return isAppUrl(frame.url);
}

export function senderFactsOf(event: IpcMainInvokeEvent): SenderFacts {
  const frame = event.senderFrame;
  return {
    senderWebContentsId: event.sender.id,
    frame:
      frame === null
        ? null
        : {
            url: frame.url,
            processId: frame.processId,
            routingId: frame.routingId,
            isTopLevel: frame.parent === null,
          },
  };
}

export function trustedWindowFactsOf(contents: WebContents | null): TrustedWindowFacts | null {
  if (contents === null || contents.isDestroyed()) return null;
  const { mainFrame } = contents;
  return {
    webContentsId: contents.id,
    mainFrame: { processId: mainFrame.processId, routingId: mainFrame.routingId },
  };
}

/** The `{ channel, payload }` envelope the preload sends; anything else becomes an unknown channel. */
export function readEnvelope(request: unknown): { channel: unknown; payload: unknown } {
  if (typeof request !== 'object' || request === null) {
    return { channel: undefined, payload: undefined };
  }
  const record = request as Record<string, unknown>;
  return { channel: record.channel, payload: record.payload };
}
