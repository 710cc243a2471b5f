/**
 * What the lobby says for a call: "Turno E 14, Mesa 3." in Spanish, then the same in the
 * ticket's language when the citizen chose another one at the kiosk (and the screen is set to).
 */
import type { LobbyCall } from '../../src-shared/contract/lobby';
import type { Language } from '../../src-shared/domain/language';
import { parseTicketNumber } from '../../src-shared/domain/ticket-number';
import { translator } from '../../src-shared/i18n/translator';

export interface SpokenPart {
  text: string;
  language: Language;
}

/**
 * `E-014` → `E 14`: a speech engine reads "E-014" as "E minus zero one four"; people in the
 * waiting room hear, and staff say, the letter and the number.
 */
export function spokenTicketNumber(ticketNumber: string): string {
  const parsed = parseTicketNumber(ticketNumber);
  return parsed ? `${parsed.prefix} ${parsed.counter}` : ticketNumber;
}

export function announcementParts(call: LobbyCall, speakTicketLanguage: boolean): SpokenPart[] {
  const languages: Language[] = ['es'];
  if (speakTicketLanguage && call.ticketLanguage && call.ticketLanguage !== 'es') {
    languages.push(call.ticketLanguage);
  }
  const key = call.repeat ? 'lobby.speech.repeat' : 'lobby.speech.call';
  return languages.map((language) => ({
    language,
    text: translator(language)(key, {
      ticket: spokenTicketNumber(call.ticketNumber),
      desk: call.desk,
    }),
  }));
}
