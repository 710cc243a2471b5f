/**
 * Fault injection for the reference server (tests and demos; off by default). It applies to the
 * site endpoints (`/api/v1/sites/**`) only, never to health, the OpenAPI document or the pages.
 *
 * Every request draws the same five numbers from one PRNG whatever the settings, so with a
 * `seed` the sequence of decisions over N requests (sent one after another) is reproducible.
 */
import { z } from 'zod';
import { mulberry32 } from '../src-shared/common/seeded-random';

export interface FaultOptions {
  /** Added delay per request: uniform in [latencyMs / 2, latencyMs * 1.5). */
  latencyMs?: number;
  /** Share of requests answered 503 without being processed (0..1). */
  errorRate?: number;
  /**
   * Share of requests whose socket is destroyed without an answer (0..1). A write (POST) is
   * processed first half of those times: the change is made and the answer lost.
   */
  dropRate?: number;
  /** Share of requests processed twice (0..1); the second answer is sent. */
  duplicateRate?: number;
  /** Seed of the deterministic PRNG; random when absent. */
  seed?: number;
}

export const FaultOptionsSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    errorRate: z.number().min(0).max(1).optional(),
    dropRate: z.number().min(0).max(1).optional(),
    duplicateRate: z.number().min(0).max(1).optional(),
    seed: z.number().int().optional(),
  })
  .strict();

export interface FaultDecision {
  delayMs: number;
  error: boolean;
  /** 'before': drop without processing; 'after': process, then drop. */
  drop: 'before' | 'after' | null;
  duplicate: boolean;
}

export interface FaultCounters {
  requests: number;
  errors: number;
  dropsBefore: number;
  dropsAfter: number;
  duplicates: number;
}

const NO_FAULT: FaultDecision = { delayMs: 0, error: false, drop: null, duplicate: false };

export class FaultInjector {
  private options: FaultOptions | null = null;
  private random: () => number = Math.random;
  private counters: FaultCounters = {
    requests: 0,
    errors: 0,
    dropsBefore: 0,
    dropsAfter: 0,
    duplicates: 0,
  };

  constructor(options?: FaultOptions | null) {
    this.set(options ?? null);
  }

  /** Replaces the settings (null or {} turns faults off) and resets the counters. */
  set(options: FaultOptions | null): void {
    this.options = options ? FaultOptionsSchema.parse(options) : null;
    this.random = mulberry32(this.options?.seed ?? Math.floor(Math.random() * 2 ** 32));
    this.counters = { requests: 0, errors: 0, dropsBefore: 0, dropsAfter: 0, duplicates: 0 };
  }

  get(): FaultOptions | null {
    return this.options ? { ...this.options } : null;
  }

  stats(): FaultCounters {
    return { ...this.counters };
  }

  decide(isWrite: boolean): FaultDecision {
    const options = this.options;
    if (!options) return NO_FAULT;
    const [latency, error, drop, dropAfter, duplicate] = [
      this.random(),
      this.random(),
      this.random(),
      this.random(),
      this.random(),
    ] as [number, number, number, number, number];
    this.counters.requests += 1;
    const decision: FaultDecision = {
      delayMs: options.latencyMs ? Math.round(options.latencyMs * (0.5 + latency)) : 0,
      error: error < (options.errorRate ?? 0),
      drop: null,
      duplicate: false,
    };
    if (decision.error) {
      this.counters.errors += 1;
      return decision;
    }
    if (drop < (options.dropRate ?? 0)) {
      decision.drop = isWrite && dropAfter < 0.5 ? 'after' : 'before';
      if (decision.drop === 'after') this.counters.dropsAfter += 1;
      else this.counters.dropsBefore += 1;
    }
    if (decision.drop !== 'before' && duplicate < (options.duplicateRate ?? 0)) {
      decision.duplicate = true;
      this.counters.duplicates += 1;
    }
    return decision;
  }
}

/** `latency=200,error=0.3,drop=0.1,duplicate=0.1,seed=42` (the CLI's `--faults`). */
export function parseFaultSpec(spec: string): FaultOptions {
  const keys: Record<string, keyof FaultOptions> = {
    latency: 'latencyMs',
    error: 'errorRate',
    drop: 'dropRate',
    duplicate: 'duplicateRate',
    seed: 'seed',
  };
  const options: Record<string, number> = {};
  for (const part of spec.split(',').filter((item) => item.trim() !== '')) {
    const [name = '', value = ''] = part.split('=').map((item) => item.trim());
    const key = keys[name];
    const number = Number(value);
    if (!key || value === '' || !Number.isFinite(number)) {
      throw new Error(
        `invalid --faults entry "${part}" (latency=MS,error=R,drop=R,duplicate=R,seed=N)`,
      );
    }
    options[key] = number;
  }
  const parsed = FaultOptionsSchema.safeParse(options);
  if (!parsed.success) throw new Error(`invalid --faults: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
