/**
 * The one owner of the kiosk's settings. Three layers, each validated by the config schema:
 *
 *   1. the configuration file (or the embedded defaults), read at start;
 *   2. technician changes made on the device;
 *   3. the town hall's remote configuration, which wins: a setting the town hall manages is not
 *      silently overridden on the device.
 *
 * Everyone reads `current` (the effective settings) and, to react, subscribes to `onChange`; only
 * this service writes. A layer that would make the settings invalid is refused field by field
 * and logged, and the effective settings stay as they were.
 */
import type { z } from 'zod';
import { Emitter } from '../../src-shared/common/emitter';
import type { RemoteConfig } from '../../src-shared/contract/townhall-api';
import { ConfigSchema, type Config } from '../config/schema';
import { changedPaths, leafPaths, overlay, withoutPath } from './config-paths';

export type SettingsLayer = 'file' | 'technician' | 'remote';

/** What the town hall may set remotely, as the sync engine receives it. */
export type RemoteSettings = RemoteConfig['settings'];

/** A partial settings document laid over the lower layers (same shape as the config file). */
export type SettingsPatch = Record<string, unknown>;

export interface SettingsChange {
  readonly settings: Config;
  readonly previous: Config;
  /** Dotted paths of the fields that changed, e.g. `checkIn.minutesBefore`. */
  readonly changed: readonly string[];
}

/** Where each remote setting lands in the configuration document. */
export function remoteSettingsPatch(remote: RemoteSettings | null): SettingsPatch {
  if (!remote) return {};
  const patch: SettingsPatch = {};
  if (remote.pollSeconds !== undefined) patch.api = { pollSeconds: remote.pollSeconds };
  if (remote.checkInWindow !== undefined) patch.checkIn = { ...remote.checkInWindow };
  if (remote.ticketQrUrl !== undefined) patch.printer = { qrUrl: remote.ticketQrUrl };
  return patch;
}

export class SettingsService {
  private readonly changed = new Emitter<SettingsChange>();
  private readonly layers: Record<Exclude<SettingsLayer, 'file'>, SettingsPatch> = {
    technician: {},
    remote: {},
  };
  private effective: Config;

  /** Told once per effective change, with the fields that changed. */
  readonly onChange = this.changed.event;

  constructor(
    private readonly file: Config,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.effective = file;
  }

  get current(): Config {
    return this.effective;
  }

  /** The town hall's remote settings (null: none); replaces the previous remote layer. */
  applyRemote(remote: RemoteSettings | null): void {
    this.setLayer('remote', remoteSettingsPatch(remote));
  }

  /** A technician's changes on the device; replaces the previous technician layer. */
  applyTechnician(patch: SettingsPatch): void {
    this.setLayer('technician', patch);
  }

  /** The technician's changes as they stand (what `applyTechnician` last accepted). */
  get technicianLayer(): SettingsPatch {
    return this.layers.technician;
  }

  /**
   * The effective settings a technician layer would give, without applying it; or every issue
   * that would make the settings invalid (so the technician is told, rather than the field
   * being dropped as `applyTechnician` does with a bad one).
   */
  previewTechnician(
    patch: SettingsPatch,
  ): { ok: true; settings: Config } | { ok: false; issues: z.core.$ZodIssue[] } {
    const result = ConfigSchema.safeParse(this.document({ ...this.layers, technician: patch }));
    return result.success
      ? { ok: true, settings: result.data }
      : { ok: false, issues: result.error.issues };
  }

  /** Which layer the effective value of a field (dotted path) comes from. */
  sourceOf(path: string): SettingsLayer {
    if (leafPaths(this.layers.remote).has(path)) return 'remote';
    if (leafPaths(this.layers.technician).has(path)) return 'technician';
    return 'file';
  }

  dispose(): void {
    this.changed.dispose();
  }

  private setLayer(layer: Exclude<SettingsLayer, 'file'>, patch: SettingsPatch): void {
    const accepted = this.validLayer(layer, patch);
    this.layers[layer] = accepted;
    const next = this.compose();
    const changed = changedPaths(this.effective, next);
    if (changed.length === 0) return;
    const previous = this.effective;
    this.effective = next;
    this.log(`settings: ${changed.join(', ')} changed (${layer})`);
    this.changed.fire({ settings: next, previous, changed });
  }

  /** The patch without the fields that would make the settings invalid (each one logged). */
  private validLayer(layer: Exclude<SettingsLayer, 'file'>, patch: SettingsPatch): SettingsPatch {
    let candidate = patch;
    // Each round drops the fields the schema refused; a handful of rounds covers any patch.
    for (let round = 0; round < 8; round++) {
      const result = ConfigSchema.safeParse(this.document({ ...this.layers, [layer]: candidate }));
      if (result.success) return candidate;
      for (const issue of result.error.issues) {
        this.log(`settings: ${layer} ${issue.path.join('.')} ignored: ${issue.message}`);
        candidate = withoutPath(candidate, issue.path);
      }
    }
    return {};
  }

  private document(layers = this.layers): SettingsPatch {
    return overlay(overlay(this.file, layers.technician), layers.remote);
  }

  /** The effective settings; the layers were validated when they were set. */
  private compose(): Config {
    return ConfigSchema.parse(this.document());
  }
}
