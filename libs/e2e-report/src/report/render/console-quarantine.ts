import type { QuarantinedTest, RunReport } from '../../contract/run-report.ts';
import { plural } from '../format.ts';
import { expiredAdvice, expiredSince, utcDay } from '../quarantine.ts';
import { BODY_INDENT, clip, indent, pad } from './text-block.ts';

/**
 * The console's quarantine section: nothing when the file is empty; otherwise every entry (failures
 * that did not fail the run with their error, expired entries with what to do), then warnings.
 * A file that could not be used is one FAIL block listing every problem.
 */
export function renderQuarantine(report: RunReport): string[] {
  const { file, problems, entries, warnings } = report.quarantine;
  if (problems.length > 0) {
    return [
      `  FAIL  ${file} is not a valid quarantine file: nothing is quarantined, and the run fails`,
      ...problems.map((p) => `${pad(BODY_INDENT)}- ${p}`),
      `${pad(BODY_INDENT)}fix it: the fields are in docs/report-schema.md ("Quarantine"), the JSON Schema is docs/quarantine.schema.json`,
      '',
    ];
  }
  if (entries.length === 0 && warnings.length === 0) return [];
  const today = utcDay(report.generatedAt);
  const out = [
    `Quarantine (${plural(entries.length, 'entry', 'entries')} in ${file}): their failures do not fail the run until the entry expires`,
    '',
  ];
  for (const entry of entries) out.push(...renderEntry(entry, file, today), '');
  for (const warning of warnings) out.push(`  WARN  ${warning}`);
  if (warnings.length > 0) out.push('');
  return out;
}

function renderEntry(entry: QuarantinedTest, file: string, today: string): string[] {
  const where = entry.phase ? `${entry.phase} · ` : '';
  const who = `owner ${entry.owner} · ${entry.reason}`;
  if (entry.expired) {
    return [
      `  EXPIRED ${where}${entry.test}`,
      `${pad(BODY_INDENT)}expired ${expiredSince(entry.expires, today)}; ${outcomeText(entry)} · ${who}`,
      `${pad(BODY_INDENT)}${expiredAdvice(file)}`,
      ...errorLines(entry),
    ];
  }
  const held = entry.outcome === 'failed' || entry.outcome === 'flaky';
  const tag = held ? 'QUARANTINED' : entry.outcome === 'not-found' ? 'ABSENT' : 'HELD';
  return [
    `  ${tag} ${where}${entry.test}`,
    `${pad(BODY_INDENT)}${outcomeText(entry)}${held ? ', not failing the run' : ''} · until ${entry.expires} · ${who}`,
    ...errorLines(entry),
  ];
}

function outcomeText(entry: QuarantinedTest): string {
  return entry.outcome === 'not-found' ? 'not in this run' : `${entry.outcome} this run`;
}

function errorLines(entry: QuarantinedTest): string[] {
  return [
    ...(entry.error ? indent(clip(entry.error.message), BODY_INDENT + 2) : []),
    ...(entry.attachments ?? []).map((a) => `${pad(BODY_INDENT + 2)}${a.name}: ${a.path}`),
  ];
}
