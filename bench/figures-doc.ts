/**
 * The generated part of docs/figures.md: the machine and one table per area, from a results
 * document. `npm run bench` rewrites it after every run, so the page never shows a figure that
 * was not measured; `npx tsx bench/figures-doc.ts` rewrites it from bench/results.json.
 * Everything outside the markers is prose, kept as it is.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AREAS, type Area, type Figure, type ResultsDocument } from './results';

export const RESULTS_JSON = fileURLToPath(new URL('./results.json', import.meta.url));
export const FIGURES_MD = fileURLToPath(new URL('../docs/figures.md', import.meta.url));

const BEGIN = '<!-- figures:begin — generated from bench/results.json by bench/figures-doc.ts -->';
const END = '<!-- figures:end -->';

const TITLES: Readonly<Record<Area, string>> = {
  'check-in': 'Check-in',
  identification: 'Identification',
  printer: 'Printer',
  sync: 'Sync',
  peers: 'Peers: driver printing and online-first',
  office: 'Office: calls on the lobby screen and the follow page',
  process: 'Process',
};

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

function table(figures: Figure[]): string {
  const rows = figures.map((figure) => `| ${cell(figure.what)} | ${cell(figure.figure)} |`);
  return ['| what | figure |', '| --- | --- |', ...rows].join('\n');
}

export function figuresMarkdown(document: ResultsDocument): string {
  const { machine } = document;
  const load = (values: number[] | undefined) => (values ? values.join(' / ') : 'not recorded');
  const parts = [
    `Measured ${machine.date} on ${machine.cores} cores (${cell(machine.cpuModel)}), ` +
      `${machine.memoryGiB} GiB, ${machine.os}, node ${machine.node}. Load average ` +
      `(1 / 5 / 15 min) ${load(machine.loadAverageAtStart)} at the start, ` +
      `${load(machine.loadAverageAtEnd)} at the end.`,
  ];
  for (const area of AREAS) {
    const figures = document.figures.filter((figure) => figure.area === area);
    if (figures.length > 0) parts.push(`### ${TITLES[area]}\n\n${table(figures)}`);
  }
  return parts.join('\n\n');
}

/** Replaces what lies between the markers of `path` with the document's tables. */
export function updateFiguresDoc(path: string, document: ResultsDocument): void {
  const text = readFileSync(path, 'utf8');
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`${path}: the figures markers are missing`);
  const generated = `${BEGIN}\n\n${figuresMarkdown(document)}\n\n`;
  writeFileSync(path, text.slice(0, begin) + generated + text.slice(end));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const document = JSON.parse(readFileSync(RESULTS_JSON, 'utf8')) as ResultsDocument;
  updateFiguresDoc(FIGURES_MD, document);
}
