/**
 * What the citizen reads for a refusal: main's refusal (src-main/checkin/refusal.ts) through the
 * renderer's own message function and i18n set-up, in every language. The params carry the next
 * step ("mañana a las 10:30", the other kiosk's number, the offline hint); every error code of the
 * contract has a text, and no text shows a placeholder.
 */
import { describe, expect, it } from 'vitest';
import { IpcErrorCodeSchema, type IpcError } from '../../src-shared/contract/ipc';
import { bookingNotTodayParams } from '../../src-shared/domain/checkin-policy';
import type { Language } from '../../src-shared/domain/language';
import { LANGUAGES } from '../../src-shared/i18n/catalogs';
import { refusal } from '../../src-main/checkin/refusal';
import { errorMessage } from '../../src-renderer/i18n/error-message';
import { createRendererI18n } from '../../src-renderer/i18n/setup';

function shown(result: ReturnType<typeof refusal>, language: Language = 'es'): string {
  if (result.ok) throw new Error('not a refusal');
  const i18n = createRendererI18n(language);
  return errorMessage(i18n.t, result.error as IpcError, language);
}

const notToday = (localDay: string, today = '2026-11-30') =>
  refusal('booking-not-today', bookingNotTodayParams({ localDay, localTime: '10:30' }, today));

describe('refusal messages carry the next step', () => {
  it('a booking of another day: tomorrow, a later day, or a day that has passed', () => {
    expect(shown(notToday('2026-12-01'))).toBe(
      'Su cita es mañana a las 10:30, no hoy. Vuelva mañana para recoger su turno.',
    );
    expect(shown(notToday('2026-12-07'))).toBe(
      'Su cita es el lunes, 7 de diciembre a las 10:30, no hoy. Vuelva ese día para recoger su turno.',
    );
    expect(shown(notToday('2026-11-27'))).toBe(
      'Su cita era el viernes, 27 de noviembre a las 10:30 y ya ha pasado. Puede pedir una nueva en la web municipal.',
    );
    expect(shown(notToday('2026-12-01'), 'en')).toBe(
      'Your appointment is tomorrow at 10:30, not today. Please come back tomorrow for your ticket.',
    );
    expect(shown(notToday('2026-12-07'), 'de')).toBe(
      'Ihr Termin ist am Montag, 7. Dezember um 10:30 Uhr, nicht heute. Bitte holen Sie Ihre Nummer an diesem Tag ab.',
    );
  });

  it('the number another kiosk gave, when the town hall published it', () => {
    expect(shown(refusal('already-checked-in-elsewhere', { number: 'E-014' }))).toBe(
      'Esta cita ya tiene turno, dado en otro tótem: su número es el E-014. Espere a que aparezca en la pantalla de la sala.',
    );
    expect(shown(refusal('already-checked-in-elsewhere', { number: 'E-014' }), 'fr')).toContain(
      'votre numéro est le E-014',
    );
    expect(shown(refusal('already-checked-in-elsewhere'))).toBe(
      'Esta cita ya tiene turno, dado en otro tótem. Espere a que su número aparezca en la pantalla o pregunte en el mostrador.',
    );
  });

  it('a code the kiosk does not know, offline or not', () => {
    expect(shown(refusal('booking-not-found', { offline: 'true' }))).toBe(
      'No encontramos ninguna cita con ese código. El tótem está sin conexión y puede que aún no conozca las citas pedidas hace poco: pregunte en el mostrador.',
    );
    expect(shown(refusal('booking-not-found'))).toBe(
      'No encontramos ninguna cita con ese código. Compruébelo o pregunte en el mostrador.',
    );
  });

  it('says which variant it is in the params, and nothing for a refusal without any', () => {
    expect(refusal('booking-not-found', { offline: 'true' })).toEqual({
      ok: false,
      error: { code: 'booking-not-found', params: { offline: 'true', context: 'offline' } },
    });
    expect(refusal('service-cap-reached')).toEqual({
      ok: false,
      error: { code: 'service-cap-reached' },
    });
  });

  it('every error code has its own text in every language, without a placeholder left', () => {
    const params: Record<string, Record<string, string>> = {
      'booking-not-today': bookingNotTodayParams(
        { localDay: '2026-12-01', localTime: '10:30' },
        '2026-11-30',
      ),
      'already-checked-in': { number: 'E-014' },
      'already-checked-in-elsewhere': { number: 'E-014' },
      'booking-not-found': { offline: 'true' },
      'too-early': { time: '10:30', from: '08:30' },
      'too-late': { time: '10:30' },
      'id-document-letter': { letter: 'Z' },
    };
    for (const language of LANGUAGES) {
      for (const code of IpcErrorCodeSchema.options) {
        const text = shown(refusal(code, params[code]), language);
        expect(text, `${language} ${code}`).not.toContain('errors.');
        expect(text, `${language} ${code}`).not.toMatch(/\{\{|\}\}/);
      }
    }
  });
});
