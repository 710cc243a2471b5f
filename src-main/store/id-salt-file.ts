/**
 * The town hall's salt for ID-document hashes, kept OUT of the kiosk database: in memory, and in
 * a separate file private to the kiosk's user (0600) so an offline restart can still match
 * ID documents. The database holds salted hashes only; with the salt elsewhere, a copy of the
 * database alone (a support bundle, a stolen backup) does not let anyone try every DNI number
 * against its hashes.
 */
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

export class IdSaltFile {
  private cached: string | null | undefined;

  /** `file` null: memory only (an in-memory database in tests). */
  constructor(private readonly file: string | null) {}

  get(): string | null {
    if (this.cached === undefined) this.cached = this.read();
    return this.cached;
  }

  set(salt: string | null): void {
    if (salt === this.get()) return;
    this.cached = salt;
    if (!this.file) return;
    if (salt === null) {
      rmSync(this.file, { force: true });
      return;
    }
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${salt}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, this.file);
  }

  private read(): string | null {
    if (!this.file) return null;
    try {
      const text = readFileSync(this.file, 'utf8').trim();
      return text.length > 0 ? text : null;
    } catch {
      return null;
    }
  }
}
