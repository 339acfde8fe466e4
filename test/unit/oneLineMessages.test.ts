/**
 * Each diagnostic's message fits on one line of the Problems panel (issue 13):
 * the detail (libvirt's own words, the consequence, what only the schema says)
 * goes to relatedInformation, to the hover, and to an indented line of
 * `domxml check`. Checked on every fixture of the repository and on the shared
 * corpora when present, under each built-in Debian profile and with a floor.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Diagnostic } from 'vscode-languageserver-types';
import { getLanguageService, LanguageSettings } from '../../server/src/languageservice/languageService';
import { ONE_LINE, oneLine } from '../../server/src/languageservice/findings';
import { doc, FIXTURES, REPO, SHARED_CORPUS, xmlFiles } from '../helpers';

const readFile = (p: string) => {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

const SETTINGS: LanguageSettings[] = [
  { profile: 'debian-11' },
  { profile: 'debian-12' },
  { profile: 'debian-13' },
  { profile: 'debian-13', floor: { libvirt: '7.0.0', qemu: '5.2.0' } },
];

/** the Problems-panel diagnostics (errors, warnings, information) of each file under each setting */
function panelDiagnostics(files: string[], each: (file: string, d: Diagnostic) => void): number {
  const s = getLanguageService({ readFile });
  let n = 0;
  for (const settings of SETTINGS) {
    s.configure(settings);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const d of s.doValidation(doc(text, `file://${file}`))) {
        if ((d.severity ?? 1) > 3) continue;
        n++;
        each(file, d);
      }
    }
  }
  return n;
}

function assertOneLine(files: string[]): void {
  const long: string[] = [];
  const n = panelDiagnostics(files, (file, d) => {
    if (d.message.length > ONE_LINE || d.message.includes('\n')) long.push(`${path.basename(file)}: ${d.message}`);
  });
  assert.ok(n > 0, 'no diagnostics to check');
  assert.deepStrictEqual(long.slice(0, 10), [], `${long.length} of ${n} messages are longer than ${ONE_LINE} characters`);
}

describe('one-line messages', () => {
  it('keeps a short reason whole and moves nothing', () => {
    assert.deepStrictEqual(oneLine('libvirt 9.0.0 (target) rejects this domain: ', 'no SCSI controller'), {
      message: 'libvirt 9.0.0 (target) rejects this domain: no SCSI controller',
    });
  });

  it('moves an aside, then the clause after a colon, of a long reason to the detail', () => {
    const head = 'libvirt 9.0.0 (target) rejects this domain: ';
    const aside = oneLine(head, "a disk on bus 'virtio' cannot have an address of type 'drive' (virtio disks take 'pci' or 'ccw')");
    assert.deepStrictEqual(aside, {
      message: `${head}a disk on bus 'virtio' cannot have an address of type 'drive'`,
      detail: "Virtio disks take 'pci' or 'ccw'.",
    });
    const clause = oneLine(
      head,
      "on aarch64 ACPI requires UEFI: add firmware='efi' to <os> (or a pflash <loader>), or remove <acpi/>",
      'X.',
    );
    assert.deepStrictEqual(clause, {
      message: `${head}on aarch64 ACPI requires UEFI`,
      detail: "Add firmware='efi' to <os> (or a pflash <loader>), or remove <acpi/>. X.",
    });
  });

  it('does not cut inside quotes, tags or parentheses', () => {
    const r = oneLine('h: ', `${'x'.repeat(ONE_LINE)} 'a: b' <c d='e; f'> done`);
    assert.strictEqual(r.detail, undefined);
  });

  it("every fixture's Problems-panel message fits one line", () => {
    assertOneLine(xmlFiles(FIXTURES).filter((f) => !f.includes(`${path.sep}fuzz${path.sep}`)));
  });

  it("every shared-corpus document's Problems-panel message fits one line", function () {
    const files = ['virt-install', 'libvirt-tests'].flatMap((d) => xmlFiles(path.join(SHARED_CORPUS, d)));
    if (!files.length) this.skip();
    this.timeout(300_000);
    assertOneLine(files);
  });

  const REJECTED = `<domain type='qemu'>
  <name>vm</name>
  <memory unit='MiB'>512</memory>
  <os>
    <type arch='x86_64' machine='pc-1.2'>hvm</type>
  </os>
  <devices>
    <disk type='file' device='disk'>
      <source file='/var/lib/libvirt/images/vm.qcow2'/>
      <target dev='vda' bus='virtio'/>
      <address type='drive' controller='0' bus='0' unit='0'/>
    </disk>
  </devices>
</domain>
`;

  it("libvirt's quoted error is the detail, in relatedInformation and in the hover", () => {
    const s = getLanguageService({ readFile });
    s.configure({ profile: 'debian-12' });
    const d = doc(REJECTED);
    const rejects = s.doValidation(d).filter((x) => x.code === 'define-reject');
    assert.ok(rejects.length, 'no define-reject');
    for (const r of rejects) {
      assert.ok(!r.message.includes('"'), `libvirt's words stay out of the message: ${r.message}`);
      const detail = r.relatedInformation?.[0];
      assert.ok(detail, `no detail for: ${r.message}`);
      assert.deepStrictEqual(detail.location.range, r.range);
    }
    const withQuote = rejects.find((r) => /libvirt's error: "/.test(r.relatedInformation![0].message));
    assert.ok(withQuote, rejects.map((r) => r.relatedInformation![0].message).join('\n'));
    const hover = s.doHover(d, withQuote.range.start);
    const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.ok(value.includes(withQuote.relatedInformation![0].message), value);
  });

  it('domxml check prints the detail on an indented line under its finding, and SARIF keeps it', () => {
    const file = path.join(REPO, 'test-artifacts', 'one-line.xml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, REJECTED);
    const run = (format: string) =>
      spawnSync(process.execPath, [path.join(REPO, 'bin', 'domxml.js'), 'check', '--profile', 'debian-12', '--format', format, file], {
        encoding: 'utf8',
      });
    const lines = run('text').stdout.split('\n');
    const at = lines.findIndex((l) => l.includes('[define-reject]'));
    assert.ok(at >= 0, lines.join('\n'));
    assert.match(lines[at + 1], /^ {4}\S/);
    const json = JSON.parse(run('json').stdout) as { code: string; message: string; detail?: string }[];
    const reject = json.find((r) => r.code === 'define-reject' && r.detail)!;
    assert.ok(reject, 'no define-reject with a detail in the JSON output');
    assert.ok(lines.includes(`    ${reject.detail}`), lines.join('\n'));
    const sarif = JSON.parse(run('sarif').stdout) as { runs: { results: { message: { text: string } }[] }[] };
    assert.ok(sarif.runs[0].results.some((r) => r.message.text === `${reject.message}\n\n${reject.detail}`));
  });
});
