/**
 * Where the technician PIN's hash lives: `<dataDir>/technician-pin` (0600), JSON of its scrypt
 * parameters, salt and hash (pin-hash.ts). Set by the first-run wizard, by
 * `npm run technician -- set-pin`, or by the technician in the mode itself.
 */
import { join } from 'node:path';
import { errorText } from '../logging/error-text';
import {
  hashPin,
  pinMatches,
  PinHashSchema,
  type PinHash,
  type ScryptParameters,
} from './pin-hash';
import { readPrivateFile, writePrivateFile } from './private-file';

export const PIN_FILE = 'technician-pin';

export class PinFile {
  readonly file: string;

  constructor(
    dataDir: string,
    private readonly log: (line: string) => void = () => undefined,
    /** Cheaper parameters for tests only; the kiosk uses the documented ones. */
    private readonly parameters?: ScryptParameters,
  ) {
    this.file = join(dataDir, PIN_FILE);
  }

  isSet(): boolean {
    return this.read() !== null;
  }

  /** Whether `pin` is the technician PIN; false when none is set (or its file is damaged). */
  async matches(pin: string): Promise<boolean> {
    const stored = this.read();
    return stored !== null && pinMatches(pin, stored);
  }

  async set(pin: string): Promise<void> {
    const hash = await hashPin(pin, this.parameters);
    writePrivateFile(this.file, `${JSON.stringify(hash)}\n`);
  }

  private read(): PinHash | null {
    try {
      const text = readPrivateFile(this.file);
      if (text === null) return null;
      return PinHashSchema.parse(JSON.parse(text));
    } catch (error) {
      // A damaged hash opens nothing: the mode stays shut until a PIN is set again.
      this.log(`technician PIN file ${this.file} is unreadable: ${errorText(error)}`);
      return null;
    }
  }
}
