#!/usr/bin/env node
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { Command, Option } from 'commander';
import { loadCases } from './cases.js';
import { runCases } from './pool.js';
import { formatReport, summarize, toRecords, type Summary } from './report.js';

interface Baseline {
  all: number;
  core?: number;
}

const program = new Command()
  .name('conformance')
  .description("Runs OPA's YAML conformance cases found under a directory through a toolchain")
  .argument('<cases-dir>')
  .option('--json <file>', 'write every case as {dir, file, note, status, message}')
  .addOption(new Option('--toolchain <name>', 'which toolchain builds the bundles').choices(['embedded', 'opa']).default('embedded'))
  .option('--opa <path>', 'the opa binary for --toolchain opa')
  .option('--core-dirs <file>', 'directories counted as the language core (default: core-dirs.txt beside the cases dir)')
  .option('--baseline <file>', 'fail when fewer cases pass than this {all, core} baseline')
  .option('--filter <regex>', 'only cases whose directory/note matches')
  .option('--workers <n>', 'worker threads', String(Math.min(2, availableParallelism())))
  .option('--timeout <ms>', 'per-case time limit', '20000')
  .action(async (casesDir: string, options) => {
    const started = Date.now();
    const filter = options.filter ? new RegExp(options.filter) : undefined;
    const cases = (await loadCases(casesDir)).filter((c) => !filter || filter.test(`${c.dir}/${c.note}`));
    const outcomes = await runCases(cases, {
      workers: Number(options.workers),
      toolchain: options.toolchain,
      opaPath: options.opa,
      timeoutMs: Number(options.timeout),
    });
    const records = toRecords(cases, outcomes);
    const summary = summarize(records, readCoreDirs(options.coreDirs ?? join(dirname(casesDir.replace(/\/+$/, '')), 'core-dirs.txt')));
    process.stdout.write(`${formatReport(records, summary)}\ntime: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    if (options.json) writeFileSync(options.json, JSON.stringify(records, null, 2));
    if (options.baseline) process.exitCode = belowBaseline(summary, JSON.parse(readFileSync(options.baseline, 'utf8')) as Baseline);
  });

function readCoreDirs(path: string): Set<string> | undefined {
  if (!existsSync(path)) return undefined;
  return new Set(readFileSync(path, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean));
}

function belowBaseline(summary: Summary, baseline: Baseline): number {
  const failures: string[] = [];
  if (summary.pass < baseline.all) failures.push(`all cases: ${summary.pass} pass, baseline ${baseline.all}`);
  if (baseline.core !== undefined && (summary.core?.pass ?? 0) < baseline.core) {
    failures.push(`core directories: ${summary.core?.pass ?? 0} pass, baseline ${baseline.core}`);
  }
  for (const f of failures) process.stderr.write(`conformance below baseline: ${f}\n`);
  return failures.length > 0 ? 1 : 0;
}

await program.parseAsync(process.argv);
