/** The setup wizard's scan test: what was read, and which accepted form the kiosk sees in it. */
import { describe, expect, it } from 'vitest';
import { recogniseScan, SHOWN_SCAN_LENGTH } from '../../src-shared/domain/scan-recognition';

const TOKEN =
  'eyJhbGciOiJFZERTQSIsImtpZCI6ImsxIn0.eyJiaWQiOiJhcHQtMSIsImNvZGUiOiJUUk4tN0s0UDlRIn0.' +
  'c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmUtc2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmUtc2lnbmF0dXJl';

describe('scan recognition (setup wizard)', () => {
  it.each([
    ['TRN-7K4P9Q', 'booking-code', 'TRN-7K4P9Q'],
    ['  trn 7k4p9q\r\n', 'booking-code', 'trn 7k4p9q'],
    ['https://ayto.example.es/checkin?code=TRN-7K4P9Q', 'url-with-code', null],
    ['https://ayto.example.es/cita/TRN-7K4P9Q', 'url-with-code', null],
    [TOKEN, 'signed-token', null],
    ['https://cita.ayto.example.es/c#t=' + TOKEN, 'signed-token', null],
    ['https://citas.example.es/index.php/appointments/index/a1B2c3D4e5F6', 'booking-link', null],
    ['12345678Z', 'id-document', '12345678Z'],
    ['X1234567L', 'id-document', 'X1234567L'],
    ['hola, mundo', 'unrecognised', 'hola, mundo'],
    ['\u0001\u0002<script>', 'unrecognised', '<script>'],
  ])('%j is recognised as %s', (raw, form, shown) => {
    const recognition = recogniseScan(raw);
    expect(recognition.form).toBe(form);
    if (shown !== null) expect(recognition.text).toBe(shown);
  });

  it('shows a long scan shortened, and an empty one as nothing', () => {
    expect(recogniseScan('A'.repeat(900)).text).toHaveLength(SHOWN_SCAN_LENGTH);
    expect(recogniseScan('\r\n')).toEqual({ text: '', form: 'unrecognised' });
  });
});
