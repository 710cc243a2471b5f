/**
 * The judging half of `npm run check:appliance` (scripts/appliance-checks.mjs): each check is
 * shown failing on what it exists to catch, and passing on the real thing (the allow-list in
 * build/, the renderer bundle shapes, the maintainer scripts in resources/deb).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findBuilderMacros,
  findNodeInRenderer,
  judgeFindings,
  parseElectronegativityCsv,
  type AllowListEntry,
} from '../../scripts/appliance-checks.mjs';

const repo = resolve(__dirname, '../..');

// The shape electronegativity 1.10.3 writes (its header, quoting and global "N/A" file).
const REPORT = [
  'issue, severity, confidence, filename, location, sample, description, url',
  'CSP_GLOBAL_CHECK,"MEDIUM","CERTAIN","N/A","0:0",N/A,"No CSP has been detected in the target application",https://github.com/doyensec/electronegativity/wiki/CSP_GLOBAL_CHECK',
  'NODE_INTEGRATION_JS_CHECK,"INFORMATIONAL","FIRM","main/electron-main.js","12:4","nodeIntegration: true","Disable nodeIntegration, ""really""",https://github.com/doyensec/electronegativity/wiki/NODE_INTEGRATION_JS_CHECK',
  '',
].join('\n');

describe('electronegativity report', () => {
  it('reads every finding, quoted commas and doubled quotes included', () => {
    expect(parseElectronegativityCsv(REPORT)).toEqual([
      {
        check: 'CSP_GLOBAL_CHECK',
        severity: 'MEDIUM',
        confidence: 'CERTAIN',
        file: 'N/A',
        location: '0:0',
        description: 'No CSP has been detected in the target application',
      },
      {
        check: 'NODE_INTEGRATION_JS_CHECK',
        severity: 'INFORMATIONAL',
        confidence: 'FIRM',
        file: 'main/electron-main.js',
        location: '12:4',
        description: 'Disable nodeIntegration, "really"',
      },
    ]);
    expect(() => parseElectronegativityCsv('not a report')).toThrow(/not an electronegativity/);
  });

  it('fails every finding the allow-list does not justify, and every stale entry', () => {
    const findings = parseElectronegativityCsv(REPORT);
    const csp: AllowListEntry = {
      check: 'CSP_GLOBAL_CHECK',
      file: 'N/A',
      reason: 'The CSP is a response header of the protocol handler.',
    };
    const { unexplained, stale } = judgeFindings(findings, [csp]);
    expect(unexplained.map((finding) => finding.check)).toEqual(['NODE_INTEGRATION_JS_CHECK']);
    expect(stale).toEqual([]);
    // Justified for another file only: still a failure.
    const elsewhere = { ...csp, check: 'NODE_INTEGRATION_JS_CHECK', file: 'main/preload.js' };
    expect(judgeFindings(findings, [csp, elsewhere])).toMatchObject({
      unexplained: [{ check: 'NODE_INTEGRATION_JS_CHECK' }],
      stale: [elsewhere],
    });
    expect(() => judgeFindings(findings, [{ ...csp, reason: 'ok' }])).toThrow(/reason/);
  });

  it('the committed allow-list gives a reason for each entry', () => {
    const allowList = JSON.parse(
      readFileSync(join(repo, 'build', 'electronegativity-allowlist.json'), 'utf8'),
    ) as { findings: AllowListEntry[] };
    expect(allowList.findings.length).toBeGreaterThan(0);
    const findings = allowList.findings.map((entry) => ({
      check: entry.check,
      file: entry.file,
      severity: 'MEDIUM',
      confidence: 'CERTAIN',
      location: '0:0',
      description: '',
    }));
    expect(judgeFindings(findings, allowList.findings)).toEqual({ unexplained: [], stale: [] });
  });
});

describe('renderer bundle without Node', () => {
  it('catches Node built-ins however they are reached', () => {
    for (const [code, what] of [
      ['const f=require("fs");', 'require() of a Node built-in'],
      ["var c=require('node:child_process')", 'require() of a Node built-in'],
      ['x=require( `path` )', 'require() of a Node built-in'],
      ['import{readFile}from"node:fs/promises";', 'import of a node: module'],
      ['await import("node:os")', 'import of a node: module'],
      ["import net from 'net';", 'import of a Node built-in'],
      ['process.binding("natives")', 'process.binding'],
      ['process . dlopen(m, p)', 'process.binding'],
      ['const {ipcRenderer}=require("electron")', 'require("electron")'],
    ] as const) {
      expect(
        findNodeInRenderer(code).map((found) => found.what),
        code,
      ).toContain(what);
    }
  });

  it('leaves ordinary browser code alone', () => {
    const browserCode = [
      'const path=location.pathname;',
      'import{useState}from"react";',
      'fetch("/api/fs/status");',
      'requireAuth("fs");',
      'const os="linux"; window.process={env:{}};',
      'e.require=function(t){return t};',
    ].join('\n');
    expect(findNodeInRenderer(browserCode)).toEqual([]);
  });
});

describe('maintainer scripts and electron-builder macros', () => {
  it('finds ${word} macros, and the real scripts have none', () => {
    expect(findBuilderMacros('echo ${previous} "${executable}" ${VAR:-x} $plain')).toEqual([
      '${previous}',
      '${executable}',
    ]);
    for (const script of ['after-install.sh', 'after-remove.sh']) {
      expect(
        findBuilderMacros(readFileSync(join(repo, 'resources', 'deb', script), 'utf8')),
      ).toEqual([]);
    }
  });
});
