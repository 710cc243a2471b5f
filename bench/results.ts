/**
 * What `npm run bench` keeps of a run: the machine it ran on and every reported figure, written
 * to bench/results.json so figures can be compared between runs and machines without parsing the
 * console; docs/figures.md is written from the same document (./figures-doc.ts).
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';

/** A figure as a number, when it is one (a median, a size, a throughput). */
export interface Measure {
  value: number;
  unit: string;
}

/** How a bench reports one figure; `measure` when the figure is a single number. */
export type Report = (what: string, figure: string, measure?: Measure) => void;

/** The part of the suite a figure belongs to: one table each in docs/figures.md. */
export const AREAS = [
  'check-in',
  'identification',
  'printer',
  'sync',
  'peers',
  'office',
  'process',
] as const;
export type Area = (typeof AREAS)[number];

export interface MachineFacts {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  date: string;
  /** 1, 5 and 15 minute load averages: figures taken on a busy machine are worth less. */
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
}

export interface Figure {
  area: Area;
  what: string;
  figure: string;
  value?: number;
  unit?: string;
}

export function machineFacts(): MachineFacts {
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${platform()} ${release()} ${process.arch}`,
    node: process.version,
    date: new Date().toISOString(),
    loadAverageAtStart: loadAverage(),
  };
}

const loadAverage = (): number[] => loadavg().map((load) => Number(load.toFixed(2)));

export interface ResultsDocument {
  machine: MachineFacts;
  figures: Figure[];
}

export function describeMachine(machine: MachineFacts): string {
  return [
    `${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB`,
    `${machine.os}, node ${machine.node}`,
    `${machine.date}, load average ${machine.loadAverageAtStart.join(' ')}`,
  ].join('\n');
}

/**
 * "12.3 ms", "550 B (median of 15)", "1234 ms median of 5" as a number and its unit; nothing
 * for a figure holding several numbers ("p50 … p99 …", "18 ms / 2 ms"), which stays text only.
 */
export function measureOf(figure: string): Measure | undefined {
  const match = /^(-?\d+(?:\.\d+)?)\s?([^\s\d,()][^\s,()]*)(?:\s+(?:median\b|\().*)?$/.exec(
    figure.trim(),
  );
  return match ? { value: Number(match[1]), unit: match[2] as string } : undefined;
}

/** Collects the figures as they are reported; an indented row is named after the row above. */
export class BenchResults {
  readonly figures: Figure[] = [];
  /** Set by the runner before each part of the suite. */
  area: Area = 'process';
  private parent = '';

  add(what: string, figure: string, measure?: Measure): void {
    const indented = /^\s/.test(what);
    const name = indented && this.parent ? `${this.parent} — ${what.trim()}` : what.trim();
    if (!indented) this.parent = what.trim();
    // A heading (no figure) only names the rows under it.
    if (figure.trim() === '') return;
    const known = measure ?? measureOf(figure);
    this.figures.push({
      area: this.area,
      what: name,
      figure,
      ...(known ? { value: Number(known.value.toFixed(3)), unit: known.unit } : {}),
    });
  }

  /** Writes the document (the load average at the end taken now) and returns it. */
  write(path: string, machine: MachineFacts): ResultsDocument {
    const document: ResultsDocument = {
      machine: { ...machine, loadAverageAtEnd: loadAverage() },
      figures: this.figures,
    };
    writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
    return document;
  }
}
