/** The editor's view of an ABI comparison: a markdown report (the client shows it as a preview). */
import { AbiDiffResult, LocatedDifference } from './abiDiff';

export function abiDiffMarkdown(r: AbiDiffResult, oldName: string, newName: string): string {
  const at = (d: LocatedDifference) =>
    `${newName}:${d.new.line + 1}:${d.new.character + 1} (was ${oldName}:${d.old.line + 1}:${d.old.character + 1})`;
  const item = (d: LocatedDifference) => `- **${d.rule}**: ${d.message} — ${at(d)}  \n  _${d.source}_`;
  const breaks = r.differences.filter((d) => d.abi);
  const free = r.differences.filter((d) => !d.abi);
  return [
    `# ABI comparison: ${oldName} → ${newName}`,
    '',
    ...r.problems.map((p) => `> ${p}`),
    breaks.length ? `## ${breaks.length} ABI change(s): libvirt refuses this XML for a running or saved guest` : '## The guest ABI is kept',
    ...breaks.map(item),
    '',
    `## ${free.length} difference(s) that keep the ABI`,
    ...free.map(item),
    '',
  ].join('\n');
}
