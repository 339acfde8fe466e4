import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Diagnostic } from 'vscode-languageserver-types';
import { getLanguageService, LanguageSettings } from '../../server/src/languageservice/languageService';
import { DomainDocument } from '../../server/src/languageservice/domainDocument';
import { expandDomain } from '../../server/src/languageservice/expander/expand';
import { Rule } from '../../server/src/languageservice/expander/context';
import { ENode } from '../../server/src/languageservice/expander/eTree';
import { EXPANDER_RULES } from '../../server/src/languageservice/expander/rules';
import { atLeast } from '../../server/src/languageservice/knowledge/versions';
import { builtinProfile } from '../../server/src/languageservice/profiles/builtinProfiles';
import { comparedTargets, rankedFindings, rankGroups } from '../../server/src/languageservice/services/abiRisk';
import { doc, SHARED_CORPUS, xmlFiles } from '../helpers';

const Q35 = `<domain type='kvm'>
  <name>vm</name>
  <memory unit='GiB'>2</memory>
  <vcpu>2</vcpu>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
  </os>
  <cpu mode='host-passthrough'/>
  <devices>
    <controller type='usb' index='0'/>
    <disk type='file' device='disk'>
      <source file='/var/lib/libvirt/images/vm.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>
`;

function service(settings: LanguageSettings = {}) {
  const s = getLanguageService();
  s.configure({ profile: 'debian-12', ...settings });
  return s;
}

/** Problems-panel entries: VS Code lists errors, warnings and information there, hints only in the editor */
const inPanel = (ds: Diagnostic[]) => ds.filter((d) => (d.severity ?? 1) <= 3);

describe('ABI risk ranking', () => {
  it('compares the active target with every built-in Debian release, oldest first', () => {
    const ids = comparedTargets(builtinProfile('debian-12')!).map((p) => p.id);
    assert.deepStrictEqual(ids, ['debian-11', 'debian-12', 'debian-13']);
    const withFloor = comparedTargets(builtinProfile('debian-12')!, { libvirt: '6.0.0' }).map((p) => p.libvirt);
    assert.deepStrictEqual(withFloor, ['6.0.0', '7.0.0', '9.0.0', '11.3.0']);
  });

  it('keeps a value that differs between releases as a diagnostic naming what the others store, on one line', () => {
    const d = doc(Q35);
    const diags = service().doValidation(d);
    const m = diags.find((x) => x.code === 'abi-default' && /machine=/.test(x.message));
    assert.ok(m, diags.map((x) => x.message).join('\n'));
    assert.strictEqual(d.getText(m!.range), 'q35');
    // the values come from the expander for each profile
    const expected = ['debian-11', 'debian-13'].map((id) => service({ profile: id }).expand(d)!.machine);
    assert.notStrictEqual(expected[0], expected[1]);
    for (const machine of expected) assert.ok(m!.message.includes(` stores ${machine}`), m!.message);
    assert.match(m!.message, /^libvirt 9\.0 will store machine='pc-q35-7\.2' instead of 'q35'; 7\.0 stores/);
    assert.ok(!/\n/.test(m!.message));
    assert.strictEqual(m!.data && (m!.data as { risk?: boolean }).risk, true);
    const related = m!.relatedInformation!.map((r) => r.message);
    assert.ok(
      related.some((r) => r.startsWith('Debian 11 (libvirt 7.0.0') && r.includes(expected[0])),
      related.join('\n'),
    );
    assert.ok(
      related.some((r) => r.startsWith('why: ')),
      'the reason moved to related information',
    );
  });

  it('lists what each release stores in the hover on a value they disagree on', () => {
    const d = doc(Q35);
    const h = service().doHover(d, d.positionAt(Q35.indexOf("'q35'") + 2));
    const text = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    assert.match(text, /Differs between releases/);
    for (const id of ['debian-11', 'debian-13']) assert.ok(text.includes(service({ profile: id }).expand(d)!.machine), text);
    // a stable fill gets no such section
    const cpu = service().doHover(d, d.positionAt(Q35.indexOf('<cpu') + 2));
    assert.ok(!JSON.stringify(cpu ?? {}).includes('Differs between releases'));
  });

  it('shows fills every release makes the same way as inlay hints, not Problems entries', () => {
    const d = doc(Q35);
    const s = service();
    const diags = inPanel(s.doValidation(d));
    assert.ok(!diags.some((x) => /check='none'/.test(x.message)), diags.map((x) => x.message).join('\n'));
    const hints = s.doInlayHints(d);
    const usb = hints.find((h) => String(h.label).startsWith('model: '));
    assert.ok(usb, hints.map((h) => h.label).join('\n'));
    // at the end of the controller's attributes: `<controller type='usb' index='0'` model: ...
    assert.strictEqual(
      d.getText({ start: { line: usb!.position.line, character: 0 }, end: usb!.position }).trim(),
      "<controller type='usb' index='0'",
    );
    assert.strictEqual(
      usb!.label,
      `model: ${s
        .expand(d)!
        .root.path('devices')!
        .all('controller')
        .find((c) => c.attr('type') === 'usb')!
        .attr('model')}`,
    );
    assert.ok(
      hints.some((h) => /^check: /.test(String(h.label))),
      'cpu check on <cpu>',
    );
    // the risk is no inlay hint: it is a diagnostic
    assert.ok(!hints.some((h) => String(h.label).startsWith('→ pc-q35')));
  });

  it('shows every fill as a diagnostic at level diagnostics, and neither hints nor lenses at off', () => {
    const d = doc(Q35);
    const all = service({ defaults: 'diagnostics' });
    assert.ok(all.doValidation(d).some((x) => /check='none'/.test(x.message)));
    assert.strictEqual(all.doInlayHints(d).length, 0);
    assert.ok(all.doCodeLens(d).length > 0);
    const off = service({ defaults: 'off' });
    assert.strictEqual(off.doInlayHints(d).length, 0);
    assert.strictEqual(off.doCodeLens(d).length, 0);
    assert.ok(
      off.doValidation(d).some((x) => /machine=/.test(x.message)),
      'risks stay',
    );
  });

  it('counts what libvirt adds in code lenses that run the pin command', () => {
    const d = doc(Q35);
    const s = service();
    const lenses = s.doCodeLens(d);
    const devices = lenses.find((l) => d.getText(l.range) === 'devices')!;
    const ranking = s.rank(d)!;
    const added = ranking.groups.filter((g) => !g.foreign && g.kind === 'added' && g.subject.parent?.name === 'devices').length;
    assert.match(devices.command!.title, new RegExp(`^libvirt 9\\.0 will add ${added} devices, \\d+ addresses: Pin all$`));
    assert.strictEqual(devices.command!.command, 'domxml.server.pinAll');
    assert.deepStrictEqual(devices.command!.arguments, [d.uri, true]);
    const domain = lenses.find((l) => d.getText(l.range) === 'domain')!;
    assert.deepStrictEqual(domain.command!.arguments, [d.uri, false]);
  });

  describe('with a default that changes between versions', () => {
    // a rule of the test's own whose default depends on the target's libvirt, the way the model's rules do
    const usbByVersion: Rule = {
      id: 'test-usb-by-version',
      description: 'USB model by version (test)',
      apply(ctx) {
        const c = ctx.root
          .path('devices')!
          .all('controller')
          .find((x) => x.attr('type') === 'usb')!;
        ctx.fillAttr(c, 'model', atLeast(ctx.profile.libvirt, '8.0.0') ? 'qemu-xhci' : 'piix3-uhci', {
          rule: this.id,
          category: 'abi',
          reason: 'test',
          source: { ref: 'test' },
        });
      },
    };
    const onlyNew: Rule = {
      id: 'test-only-new',
      description: 'adds a device on 11.x only (test)',
      apply(ctx) {
        if (atLeast(ctx.profile.libvirt, '11.0.0'))
          ctx.addElement(ctx.root.path('devices')!, new ENode('watchdog', { model: 'itco', action: 'reset' }), {
            rule: this.id,
            category: 'abi',
            reason: 'test',
            source: { ref: 'test' },
          });
      },
    };
    function ranked() {
      const d = new DomainDocument(doc(Q35));
      const rules = [usbByVersion, ...EXPANDER_RULES, onlyNew];
      const active = builtinProfile('debian-12')!;
      const others = ['debian-11', 'debian-13'].map((id) => expandDomain(d.domain!, builtinProfile(id)!, { rules }));
      return { d, ranking: rankGroups(expandDomain(d.domain!, active, { rules }), others) };
    }

    it('says which targets disagree: "7.0 stores piix3-uhci"', () => {
      const { d, ranking } = ranked();
      const f = rankedFindings(ranking).find((x) => /model='qemu-xhci'/.test(x.message));
      assert.ok(
        f,
        rankedFindings(ranking)
          .map((x) => x.message)
          .join('\n'),
      );
      assert.strictEqual(d.text.slice(f!.start, f!.end), 'controller');
      assert.match(f!.message, /; 7\.0 stores piix3-uhci$/);
    });

    it('reports what only another target adds, at the place it adds it', () => {
      const { d, ranking } = ranked();
      const f = rankedFindings(ranking).find((x) => /watchdog/.test(x.message));
      assert.ok(
        f,
        rankedFindings(ranking)
          .map((x) => x.message)
          .join('\n'),
      );
      assert.strictEqual(d.text.slice(f!.start, f!.end), 'devices');
      assert.match(f!.message, /^libvirt 9\.0 fills nothing here; 11\.3 adds <watchdog/);
    });
  });

  describe('on the shared corpus', function () {
    this.timeout(120_000);
    const files = ['virt-install', 'libvirt-tests'].flatMap((s) => xmlFiles(path.join(SHARED_CORPUS, s)));
    before(function () {
      if (!files.length) this.skip();
    });

    /** every fill as a diagnostic, per profile: location -> message without the version it names */
    function allFills(text: string, profile: string): Map<string, string> {
      const s = service({ profile, defaults: 'diagnostics' });
      const out = new Map<string, string>();
      for (const x of s.doValidation(doc(text))) {
        if (!/^abi-/.test(String(x.code))) continue;
        const key = `${x.range.start.line}:${x.range.start.character}`;
        const msg = x.message.replace(/^libvirt [\d.]+ will /, '').replace(/;.*$/, '');
        out.set(key, [out.get(key), msg].filter(Boolean).sort().join(' | '));
      }
      return out;
    }

    it('keeps every diagnostic whose fill differs between the Debian profiles', () => {
      let differing = 0;
      for (const f of files) {
        const text = fs.readFileSync(f, 'utf8');
        const [old, mine, next] = ['debian-11', 'debian-12', 'debian-13'].map((p) => allFills(text, p));
        const ranked = service().doValidation(doc(text));
        const at = new Set(
          ranked.filter((x) => /^abi-/.test(String(x.code))).map((x) => `${x.range.start.line}:${x.range.start.character}`),
        );
        for (const key of new Set([...old.keys(), ...mine.keys(), ...next.keys()])) {
          if (old.get(key) === mine.get(key) && next.get(key) === mine.get(key)) continue;
          differing++;
          assert.ok(
            at.has(key),
            `${path.basename(f)} ${key}: '${mine.get(key) ?? old.get(key) ?? next.get(key)}' differs between profiles but has no diagnostic`,
          );
        }
      }
      assert.ok(differing > 0, 'the corpus has values that differ between profiles');
    });

    it('keeps a real virt-install domain of about 150 lines under 10 Problems entries', () => {
      const domains = files
        .filter((f) => /virt-install/.test(f))
        .map((f) => fs.readFileSync(f, 'utf8'))
        .filter((t) => t.split('\n').length >= 120 && t.split('\n').length <= 250);
      assert.ok(domains.length > 0);
      for (const text of domains) {
        const before = inPanel(service({ defaults: 'diagnostics' }).doValidation(doc(text))).length;
        const after = inPanel(service().doValidation(doc(text))).length;
        assert.ok(after <= 10 && after < before, `${after} entries (${before} with every fill)`);
      }
    });
  });
});
