/**
 * The technician's settings changes (docs/technician.md): each checked against the config
 * schema with the other layers, refused whole when any field is wrong or managed by the town
 * hall, otherwise written to the technician layer file, applied through the settings service
 * (at once where possible) and written to the audit log field by field, old → new.
 */
import type {
  SettingDiff,
  SettingIssue,
  SettingsChangeOutcome,
  SettingsView,
  SettingValue,
} from '../../src-shared/contract/technician';
import type { AuditAction } from '../../src-shared/contract/technician';
import type { LocalizedText } from '../../src-shared/domain/language';
import type { Config } from '../config/schema';
import { changedPaths, leafPaths, overlay } from '../settings/config-paths';
import type { SettingsPatch, SettingsService } from '../settings/settings-service';
import { auditValue, type AuditLog } from './audit-log';
import { appliesOf, EDITABLE_SETTINGS, editableSetting } from './editable-settings';
import { isSecretPath } from './secret-settings';
import { settingIssuesOf } from './setting-issues';
import type { TechnicianLayerFile } from './technician-layer-file';

export interface SettingsEditorDeps {
  settings: Pick<
    SettingsService,
    'current' | 'technicianLayer' | 'previewTechnician' | 'applyTechnician' | 'sourceOf'
  >;
  layerFile: Pick<TechnicianLayerFile, 'save'>;
  audit: Pick<AuditLog, 'write'>;
  /** The site's services, for the walk-in choices (from the catalogue the sync keeps). */
  services: () => readonly { id: string; names: LocalizedText }[];
}

/** A dotted path's value in a settings document (undefined when absent). */
export function valueAt(document: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) =>
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[key]
          : undefined,
      document,
    );
}

/** A patch that sets one dotted path. */
export function patchOf(path: string, value: unknown): SettingsPatch {
  return path
    .split('.')
    .reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as SettingsPatch;
}

export class SettingsEditor {
  constructor(private readonly deps: SettingsEditorDeps) {}

  view(): SettingsView {
    const { settings, services } = this.deps;
    return {
      settings: EDITABLE_SETTINGS.map((setting) => ({
        path: setting.path,
        group: setting.group,
        value: valueAt(settings.current, setting.path) as SettingValue,
        source: settings.sourceOf(setting.path),
        applies: appliesOf(setting.path),
        input: setting.input(services()),
      })),
    };
  }

  /** The panel's changes: every one editable, not managed remotely, and valid — or none. */
  apply(
    changes: readonly { path: string; value: SettingValue }[],
    actor: string,
  ): SettingsChangeOutcome {
    const issues: SettingIssue[] = [];
    let layer = this.deps.settings.technicianLayer;
    for (const { path, value } of changes) {
      if (!editableSetting(path)) issues.push({ path, code: 'not-editable' });
      else if (this.deps.settings.sourceOf(path) === 'remote') {
        issues.push({ path, code: 'remote-managed' });
      } else layer = overlay(layer, patchOf(path, value));
    }
    if (issues.length > 0) return { outcome: 'refused', issues };
    return this.replaceLayer(layer, actor, 'setting-changed');
  }

  /**
   * Makes `layer` the technician layer when the settings it gives are valid: written to its file
   * first (a change that could not be kept is not made), then applied and audited.
   */
  replaceLayer(layer: SettingsPatch, actor: string, action: AuditAction): SettingsChangeOutcome {
    const preview = this.deps.settings.previewTechnician(layer);
    if (!preview.ok) {
      return { outcome: 'refused', issues: settingIssuesOf(preview.issues).slice(0, 50) };
    }
    const before = this.deps.settings.current;
    const changes = diff(before, preview.settings);
    this.deps.layerFile.save(layer);
    this.deps.settings.applyTechnician(layer);
    for (const change of changes) {
      this.deps.audit.write({
        actor,
        action,
        path: change.path,
        from: valueAt(before, change.path),
        to: valueAt(preview.settings, change.path),
      });
    }
    return { outcome: 'applied', changes };
  }
}

/** The fields that differ, old → new, secrets left out. */
export function diff(before: Config, after: Config): SettingDiff[] {
  const old = leafPaths(before);
  const next = leafPaths(after);
  return changedPaths(before, after)
    .filter((path) => !isSecretPath(path))
    .map((path) => ({
      path,
      from: auditValue(old.get(path)),
      to: auditValue(next.get(path)),
      applies: appliesOf(path),
    }));
}
