/**
 * Settings files to clone a kiosk (docs/technician.md, "Import and export"): the export is this
 * kiosk's effective settings without secrets and without what belongs to this kiosk alone
 * (secret-settings.ts); an import is checked whole before anything changes — format, fields
 * that never travel, then the configuration schema with the other layers — and shows its
 * changes (old → new) first. Fields the town hall manages remotely are left as it says.
 */
import { z } from 'zod';
import type {
  ImportPreview,
  SettingIssue,
  SettingsChangeOutcome,
} from '../../src-shared/contract/technician';
import type { Config } from '../config/schema';
import { leafPaths, overlay, withoutPath } from '../settings/config-paths';
import type { SettingsPatch, SettingsService } from '../settings/settings-service';
import type { AuditLog } from './audit-log';
import { diff, type SettingsEditor } from './settings-editor';
import { isTransferablePath, PER_KIOSK_PATHS, SECRET_PATHS } from './secret-settings';
import { settingIssuesOf } from './setting-issues';

export const SETTINGS_FILE_FORMAT = 'turnero-settings';
export const SETTINGS_FILE_VERSION = 1;

const SettingsFileSchema = z
  .object({
    format: z.literal(SETTINGS_FILE_FORMAT),
    version: z.literal(SETTINGS_FILE_VERSION),
    exportedFrom: z.string().max(64).optional(),
    exportedAt: z.string().max(40).optional(),
    settings: z.record(z.string(), z.unknown()),
  })
  .strict();

export interface ConfigTransferDeps {
  settings: Pick<SettingsService, 'current' | 'technicianLayer' | 'previewTechnician' | 'sourceOf'>;
  editor: Pick<SettingsEditor, 'replaceLayer'>;
  audit: Pick<AuditLog, 'write'>;
  kioskId: string;
  now?: () => Date;
}

type Checked =
  | { ok: true; layer: SettingsPatch; settings: Config; remoteManaged: string[] }
  | { ok: false; issues: SettingIssue[] };

/** `document` without the fields (or whole sections) at the given paths. */
function without(document: SettingsPatch, paths: readonly string[]): SettingsPatch {
  return paths.reduce((rest, path) => withoutPath(rest, path.split('.')), document);
}

export class ConfigTransfer {
  private readonly now: () => Date;

  constructor(private readonly deps: ConfigTransferDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  export(actor: string): { fileName: string; content: string } {
    const at = this.now();
    const document = {
      format: SETTINGS_FILE_FORMAT,
      version: SETTINGS_FILE_VERSION,
      exportedFrom: this.deps.kioskId,
      exportedAt: at.toISOString(),
      settings: without(this.deps.settings.current, [...SECRET_PATHS, ...PER_KIOSK_PATHS]),
    };
    this.deps.audit.write({ actor, action: 'config-exported' });
    const day = at.toISOString().slice(0, 10);
    return {
      fileName: `turnero-settings-${this.deps.kioskId}-${day}.json`,
      content: `${JSON.stringify(document, null, 2)}\n`,
    };
  }

  preview(content: string): ImportPreview {
    const checked = this.check(content);
    if (!checked.ok) return { outcome: 'invalid', issues: checked.issues };
    return {
      outcome: 'valid',
      changes: diff(this.deps.settings.current, checked.settings),
      remoteManaged: checked.remoteManaged,
    };
  }

  /** Checked again (the file may differ from the previewed one), then applied whole. */
  import(content: string, actor: string): SettingsChangeOutcome {
    const checked = this.check(content);
    if (!checked.ok) {
      const first = checked.issues[0];
      this.deps.audit.write({
        actor,
        action: 'config-import-refused',
        ...(first ? { path: first.path, detail: first.code } : {}),
      });
      return { outcome: 'refused', issues: checked.issues };
    }
    return this.deps.editor.replaceLayer(checked.layer, actor, 'config-imported');
  }

  private check(content: string): Checked {
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch {
      return { ok: false, issues: [{ path: '', code: 'not-json' }] };
    }
    const file = SettingsFileSchema.safeParse(json);
    if (!file.success) {
      const wrongFormat = file.error.issues.some(
        (issue) =>
          issue.path[0] === 'format' || issue.path[0] === 'version' || issue.path.length === 0,
      );
      return {
        ok: false,
        issues: wrongFormat
          ? [{ path: '', code: 'wrong-format' }]
          : settingIssuesOf(file.error.issues).slice(0, 50),
      };
    }
    const paths = [...leafPaths(file.data.settings).keys()];
    const refused = paths.filter((path) => !isTransferablePath(path));
    if (refused.length > 0) {
      return {
        ok: false,
        issues: refused
          .slice(0, 50)
          .map((path) => ({ path: `settings.${path}`, code: 'not-importable' as const })),
      };
    }
    const remoteManaged = paths.filter((path) => this.deps.settings.sourceOf(path) === 'remote');
    const layer = overlay(
      this.deps.settings.technicianLayer,
      without(file.data.settings, remoteManaged),
    );
    const preview = this.deps.settings.previewTechnician(layer);
    if (!preview.ok) {
      return { ok: false, issues: settingIssuesOf(preview.issues, 'settings.').slice(0, 50) };
    }
    return { ok: true, layer, settings: preview.settings, remoteManaged };
  }
}
