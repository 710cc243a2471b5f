/**
 * Which part answers each channel of the technician mode's block of the IPC contract. Every
 * technician-only call counts as a touch: the session's inactivity timer starts again.
 */
import type { RequestChannel } from '../../src-shared/contract/ipc';
import type { IpcHandlers } from '../ipc/dispatcher';
import type { AuditLog } from './audit-log';
import type { ConfigTransfer } from './config-transfer';
import type { SettingsEditor } from './settings-editor';
import type { TechnicianSession } from './technician-session';

export type TechnicianChannel = Extract<RequestChannel, `tech:${string}`>;

export interface TechnicianHandlerParts {
  session: TechnicianSession;
  editor: Pick<SettingsEditor, 'view' | 'apply'>;
  transfer: Pick<ConfigTransfer, 'export' | 'preview' | 'import'>;
  audit: Pick<AuditLog, 'list'>;
}

export function technicianHandlers(
  parts: TechnicianHandlerParts,
): Pick<IpcHandlers, TechnicianChannel> {
  const { session, editor, transfer, audit } = parts;
  /** The answer of a technician-only channel, after the touch. */
  const touched =
    <T>(answer: () => T | Promise<T>) =>
    async () => {
      session.touch();
      return { ok: true as const, value: await answer() };
    };
  return {
    'tech:session-get': async () => ({ ok: true, value: session.view() }),
    'tech:session-begin': async () => ({ ok: true, value: session.begin() }),
    'tech:card-present': async ({ card }) => ({ ok: true, value: session.presentCard(card) }),
    'tech:pin-enter': async ({ pin }) => ({ ok: true, value: await session.enterPin(pin) }),
    'tech:session-end': async ({ reason }) => ({ ok: true, value: session.end(reason) }),
    'tech:session-touch': touched(() => session.view()),
    'tech:settings-get': touched(() => editor.view()),
    'tech:settings-apply': (request) =>
      touched(() => editor.apply(request.changes, session.actor()))(),
    'tech:pin-change': (request) =>
      touched(async () => ({ outcome: await session.changePin(request.current, request.next) }))(),
    'tech:audit-list': (request) => touched(() => audit.list(request))(),
    'tech:config-export': touched(() => transfer.export(session.actor())),
    'tech:config-preview': (request) => touched(() => transfer.preview(request.content))(),
    'tech:config-import': (request) =>
      touched(() => transfer.import(request.content, session.actor()))(),
  };
}
