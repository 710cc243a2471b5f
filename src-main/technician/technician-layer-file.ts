/**
 * The technician's settings changes, kept across restarts: `<dataDir>/technician-settings.json`
 * (0600), the technician layer of the settings service as a partial configuration document. It
 * is loaded at start, before the parts are made, so that changes needing a restart take effect
 * then. A damaged file is set aside (`.damaged`) and the kiosk starts from its configuration.
 */
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { errorText } from '../logging/error-text';
import type { SettingsPatch } from '../settings/settings-service';
import { readPrivateFile, writePrivateFile } from './private-file';

export const TECHNICIAN_SETTINGS_FILE = 'technician-settings.json';

const isPlainObject = (value: unknown): value is SettingsPatch =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export class TechnicianLayerFile {
  readonly file: string;

  constructor(
    dataDir: string,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.file = join(dataDir, TECHNICIAN_SETTINGS_FILE);
  }

  load(): SettingsPatch {
    let text: string | null;
    try {
      text = readPrivateFile(this.file);
    } catch (error) {
      this.log(`technician settings ${this.file} unreadable: ${errorText(error)}`);
      return {};
    }
    if (text === null) return {};
    try {
      const parsed: unknown = JSON.parse(text);
      if (isPlainObject(parsed)) return parsed;
      throw new Error('not a JSON object');
    } catch (error) {
      renameSync(this.file, `${this.file}.damaged`);
      this.log(
        `technician settings ${this.file} damaged (${errorText(error)}): set aside as .damaged; ` +
          'starting from the configuration file',
      );
      return {};
    }
  }

  save(layer: SettingsPatch): void {
    writePrivateFile(this.file, `${JSON.stringify(layer, null, 2)}\n`);
  }
}
