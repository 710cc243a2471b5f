/**
 * The booking page's own checks before anything is sent: the language it opens in, and the
 * details form (a name, an e-mail or a phone, a DNI/NIE with the right letter where the service
 * asks for it, and the privacy notice accepted).
 */
import { describe, expect, it } from 'vitest';
import { checkDetails, emptyDetails } from '../../src-renderer/booking/details-form';
import { pageLanguage } from '../../src-renderer/booking/texts';

const filled = (overrides: Partial<ReturnType<typeof emptyDetails>> = {}) => ({
  ...emptyDetails(),
  name: 'Lucía Pérez',
  email: 'lucia@example.org',
  privacyAccepted: true,
  ...overrides,
});

describe('the booking page', () => {
  it('opens in ?lang=, else the phone’s first language it has, else Spanish', () => {
    expect(pageLanguage('fr', ['de-DE'])).toBe('fr');
    expect(pageLanguage(null, ['pt-BR', 'de-AT', 'en'])).toBe('de');
    expect(pageLanguage('xx', ['pt'])).toBe('es');
  });

  it('takes a name with an e-mail or a phone and the privacy notice accepted', () => {
    expect(checkDetails(filled(), false)).toEqual({});
    expect(checkDetails(filled({ email: '', phone: '+34 600 123 456' }), false)).toEqual({});
    expect(checkDetails(filled({ name: ' ', email: '', privacyAccepted: false }), false)).toEqual({
      name: 'nameMissing',
      email: 'contactMissing',
      privacyAccepted: 'privacyMissing',
    });
    expect(checkDetails(filled({ email: 'lucia@', phone: '600' }), false)).toEqual({
      email: 'emailInvalid',
      phone: 'phoneInvalid',
    });
  });

  it('checks the DNI or NIE with its letter only where the service asks for it', () => {
    expect(checkDetails(filled({ citizenId: '12345678Z' }), true)).toEqual({});
    expect(checkDetails(filled({ citizenId: 'x-1234567-l' }), true)).toEqual({});
    expect(checkDetails(filled({ citizenId: '12345678A' }), true)).toEqual({
      citizenId: 'citizenIdInvalid',
    });
    // A passport number is no DNI/NIE.
    expect(checkDetails(filled({ citizenId: 'AB123456' }), true)).toEqual({
      citizenId: 'citizenIdInvalid',
    });
    expect(checkDetails(filled({ citizenId: '' }), false)).toEqual({});
  });
});
