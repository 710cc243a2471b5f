/**
 * What a ticket's QR code carries, printed or on screen: the configured follow-your-turn URL
 * filled with the ticket, or (on screen only, when none is configured) the number and service
 * as plain text, so a phone can still keep them.
 */
import { TicketViewSchema } from '../../src-shared/contract/ipc';
import type { Language, LocalizedText } from '../../src-shared/domain/language';
import { isQrPayload } from '../printer/ticket-template';
import type { TicketRecord } from '../store/ticket-repository';

const MAX_PAPERLESS_QR_LENGTH = TicketViewSchema.shape.paperlessQr.maxLength ?? 512;

/**
 * The QR URL template filled with the ticket's number, id and follow token (`{token}`: its
 * follow page, docs/follow.md); null without a template, or when the template asks for a token
 * the ticket does not have (one issued before tokens existed): never a page of another ticket.
 */
export function ticketQrUrl(
  template: string | null,
  ticket: Pick<TicketRecord, 'id' | 'number' | 'followToken'>,
): string | null {
  if (!template) return null;
  if (template.includes('{token}') && !ticket.followToken) return null;
  return template
    .replaceAll('{number}', encodeURIComponent(ticket.number))
    .replaceAll('{ticketId}', encodeURIComponent(ticket.id))
    .replaceAll('{token}', encodeURIComponent(ticket.followToken ?? ''));
}

/**
 * The paperless ticket's QR: exactly the URL printed as the ticket's QR when one is configured
 * (and printable); otherwise `E-014 · Certificado de empadronamiento`, the service in the
 * citizen's language.
 */
export function paperlessQr(
  template: string | null,
  ticket: Pick<TicketRecord, 'id' | 'number' | 'followToken'>,
  serviceName: LocalizedText,
  language: Language,
): string {
  const url = ticketQrUrl(template, ticket);
  if (url && isQrPayload(url)) return url;
  return `${ticket.number} · ${serviceName[language] ?? serviceName.es}`.slice(
    0,
    MAX_PAPERLESS_QR_LENGTH,
  );
}
