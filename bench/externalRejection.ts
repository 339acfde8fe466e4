/**
 * Define-time rejections on documents outside shared/ (issue 20): each file
 * of a directory (e.g. a libvirt source tree's tests/qemuxml2argvdata, not
 * in the repo) is prepared like every oracle input, defined in the real
 * daemon, and checked by the language service under that daemon's profile.
 * Reports how many rejections get an error diagnostic, how many accepted
 * documents get one (false errors), and the missed rejections grouped by
 * libvirt's message. Answers are cached (~/.cache/domxml-oracle).
 *
 * With --host the service also reads that daemon's host facts live through
 * virsh (capabilities, and domain capabilities per guest), as
 * `domxml check --connect URI` does: then the host-dependent rejections
 * (machine types, device models the host's QEMU lacks, SEV...) count too.
 *
 * With --facts DIR the host facts are files instead, captured once by
 * scripts/capture-host-facts.sh (capabilities, and domain capabilities per
 * arch and machine alias), as `domxml check --caps --domcaps` reads them.
 *
 * node out/bench/externalRejection.js DIR... [--daemon 9.0] [--host | --facts DIR] [--top K] [--list]
 */
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../server/src/languageservice/languageService';
import { ruleById } from '../server/src/languageservice/diagnosticRules';
import { Finding } from '../server/src/languageservice/findings';
import { SHARED_CORPUS, xmlFiles } from '../test/helpers';
import { prepareForOracle } from '../test/oracle/prepare';
import { DAEMONS, defineAndDump } from '../test/oracle/virsh';
import { notAnswered } from '../test/oracle/fidelity';
import { readHostProfile } from '../server/src/host/virshProfile';
import { domcapsTexts } from '../server/src/host/domcapsFiles';
import { withHostFacts } from '../server/src/languageservice/profiles/capabilities';
import { builtinProfile } from '../server/src/languageservice/profiles/builtinProfiles';
import { TargetProfile } from '../server/src/languageservice/profiles/profile';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const severity = (f: Finding) => f.severity ?? ruleById(f.rule)?.defaultSeverity ?? 'warning';

/** libvirt's message without the names and numbers of one document */
function pattern(error: string): string {
  return (
    error
      .split('\n')
      .find((l) => /error:/.test(l) && !/Failed to define/.test(l))
      ?.replace(/^error:\s*/, '')
      .replace(/'[^']*'/g, "'…'")
      .replace(/\d+/g, 'N')
      .slice(0, 150) ?? error.slice(0, 150)
  );
}

/** rejections that are the machine or a host capability, not a rule of libvirt's */
function hostOrMachine(error: string): boolean {
  return /unsupported machine type|Emulator .* does not support|not supported (by|with) this QEMU|this QEMU binary|QEMU binary|No emulator found|domain capabilities|not supported by QEMU|unsupported configuration: .*(not supported|isn't supported)/i.test(
    error,
  );
}

/** inputs that crash a daemon instead of being refused: libvirt 9.0's libvirtd dies on a vhost-scsi hostdev with rawio (observed) */
const CRASHERS = new Set(['hostdev-scsi-vhost-rawio-invalid.xml']);

/** the daemon's profile with host facts captured by scripts/capture-host-facts.sh (DIR/capabilities.xml, DIR/domcaps/) */
function capturedProfile(profile: string, dir: string): TargetProfile {
  const base = builtinProfile(profile)!;
  const p = withHostFacts(base, fs.readFileSync(path.join(dir, 'capabilities.xml'), 'utf8'), domcapsTexts(path.join(dir, 'domcaps')));
  p.id = 'local';
  return p;
}

function main(): void {
  const dirs = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(all[i - 1] ?? '').startsWith('--'));
  if (!dirs.length) {
    console.log('usage: externalRejection DIR... [--daemon 9.0] [--host | --facts DIR] [--top K] [--list]');
    return;
  }
  const daemon = DAEMONS.find((d) => d.version === arg('--daemon', '9.0'))!;
  const top = Number(arg('--top', '40'));
  const captured = arg('--facts', '');
  const host = captured
    ? capturedProfile(daemon.profile, captured)
    : process.argv.includes('--host')
      ? readHostProfile(daemon.uri, true)
      : undefined;
  if (process.argv.includes('--host') && !host) throw new Error(`cannot read the host facts of libvirt ${daemon.version} at ${daemon.uri}`);
  const service = getLanguageService({ localProfile: () => host });
  service.configure({ profile: host ? 'local' : daemon.profile });
  const shared = new Set<string>();
  for (const sub of ['libvirt-tests', 'virt-install'])
    for (const f of xmlFiles(path.join(SHARED_CORPUS, sub))) shared.add(path.basename(f));
  const missed = new Map<string, string[]>();
  const caughtBy = new Map<string, number>();
  const falseErrors: string[] = [];
  let rejected = 0;
  let rule = 0;
  let caught = 0;
  let ruleCaught = 0;
  let accepted = 0;
  for (const dir of dirs) {
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.xml') && !shared.has(f) && !CRASHERS.has(f))
      .sort()
      .map((f) => path.join(dir, f));
    for (const file of files) {
      const input = prepareForOracle(fs.readFileSync(file, 'utf8'));
      const document = TextDocument.create(`file://${file}`, 'xml', 1, input);
      if (!service.isDomainDocument(document)) continue;
      const r = defineAndDump(input, {}, daemon);
      if (!r.ok && notAnswered(r.error)) continue;
      const errors = service.findings(document).filter((f) => severity(f) === 'error');
      if (r.ok) {
        accepted++;
        if (errors.length) falseErrors.push(`${path.basename(file)}: ${errors.map((e) => `[${e.rule}] ${e.message}`).join(' | ')}`);
        continue;
      }
      rejected++;
      const byRule = !hostOrMachine(r.error);
      if (byRule) rule++;
      if (errors.length) {
        caught++;
        if (byRule) ruleCaught++;
        const check = (errors[0].data as { check?: string } | undefined)?.check ?? errors[0].rule;
        caughtBy.set(check, (caughtBy.get(check) ?? 0) + 1);
      } else {
        const p = `${byRule ? '' : '[host/machine] '}${pattern(r.error)}`;
        missed.set(p, [...(missed.get(p) ?? []), path.basename(file)]);
      }
    }
  }
  console.log(
    `libvirt ${daemon.version}${host ? ' with its host facts' : ''}: ${accepted + rejected} documents; rejected ${rejected}, caught ${caught}; ` +
      `by libvirt's own rules ${rule}, caught ${ruleCaught}; accepted ${accepted}, with an error ${falseErrors.length}`,
  );
  console.log('missed:');
  for (const [k, v] of [...missed].sort((a, b) => b[1].length - a[1].length).slice(0, top))
    console.log(
      `  ${String(v.length).padStart(4)}  ${k}${process.argv.includes('--list') ? `\n          ${v.slice(0, 6).join(' ')}` : ''}`,
    );
  console.log('false errors:');
  for (const f of falseErrors.slice(0, top)) console.log(`  ${f.slice(0, 300)}`);
  if (process.argv.includes('--list')) {
    console.log('caught by:');
    for (const [k, v] of [...caughtBy].sort((a, b) => b[1] - a[1])) console.log(`  ${String(v).padStart(4)}  ${k}`);
  }
}

main();
