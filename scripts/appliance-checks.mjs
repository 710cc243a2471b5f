// The judging half of `npm run check:appliance` (scripts/check-appliance.mjs runs the tools):
// electronegativity's CSV read against the reviewed allow-list, the renderer bundle searched for
// Node built-ins, the .deb maintainer scripts searched for electron-builder macros. Pure
// functions, so that tests/unit/appliance-checks.test.ts can show each check failing.
import { builtinModules } from 'node:module';

/** One CSV line into fields: quoted fields may hold commas and doubled quotes. */
function csvFields(line) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field.trim());
      field = '';
    } else field += char;
  }
  fields.push(field.trim());
  return fields;
}

/**
 * electronegativity's CSV (`issue, severity, confidence, filename, location, sample, description,
 * url`) as findings. It always exits 0: this is where a finding becomes a failure.
 */
export function parseElectronegativityCsv(text) {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const [header, ...rows] = lines;
  if (!header || !/^issue\s*,\s*severity/i.test(header)) {
    throw new Error('not an electronegativity CSV report (no "issue, severity" header)');
  }
  return rows.map((row) => {
    const [
      check = '',
      severity = '',
      confidence = '',
      file = '',
      location = '',
      ,
      description = '',
    ] = csvFields(row);
    return { check, severity, confidence, file, location, description };
  });
}

/** Whether an allow-list entry covers a finding: same check, same file (N/A for global checks). */
const covers = (entry, finding) => entry.check === finding.check && entry.file === finding.file;

/**
 * The findings no entry justifies, and the entries that justify nothing any more (a stale entry
 * fails too: the list stays a reviewed description of what is accepted today).
 */
export function judgeFindings(findings, allowList) {
  for (const entry of allowList) {
    if (
      !entry.check ||
      !entry.file ||
      typeof entry.reason !== 'string' ||
      entry.reason.length < 20
    ) {
      throw new Error(
        `allow-list entry ${JSON.stringify(entry)}: needs "check", "file" and a "reason" that explains it`,
      );
    }
  }
  return {
    unexplained: findings.filter((finding) => !allowList.some((entry) => covers(entry, finding))),
    stale: allowList.filter((entry) => !findings.some((finding) => covers(entry, finding))),
  };
}

const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));
const quotedBuiltin = `["'\`](?:node:)?(?:${NODE_BUILTINS.map((name) => name.replace(/[/]/g, '\\/')).join('|')})["'\`]`;

/** What may never appear in the renderer bundle: it runs sandboxed, without Node. */
export const RENDERER_FORBIDDEN = [
  {
    what: 'require() of a Node built-in',
    pattern: new RegExp(`\\brequire\\(\\s*${quotedBuiltin}\\s*\\)`),
  },
  {
    what: 'import of a node: module',
    pattern: /\bfrom\s*["']node:[\w/]+["']|\bimport\s*\(\s*["']node:/,
  },
  { what: 'import of a Node built-in', pattern: new RegExp(`\\bfrom\\s*${quotedBuiltin}`) },
  { what: 'process.binding', pattern: /\bprocess\s*\.\s*(?:_?linkedBinding|binding|dlopen)\s*\(/ },
  { what: 'require("electron")', pattern: /\brequire\(\s*["']electron["']\s*\)/ },
];

/** The forbidden things one renderer file holds, with a little context for the message. */
export function findNodeInRenderer(text) {
  const found = [];
  for (const { what, pattern } of RENDERER_FORBIDDEN) {
    const match = pattern.exec(text);
    if (match) found.push({ what, sample: match[0].slice(0, 80), at: match.index });
  }
  return found;
}

/**
 * electron-builder expands `${word}` in deb.afterInstall/afterRemove and fails (or substitutes)
 * when the word is not one of its macros: a maintainer script writes its variables `$name`.
 */
export function findBuilderMacros(text) {
  return [...text.matchAll(/\$\{([a-zA-Z]+)\}/g)].map((match) => match[0]);
}
