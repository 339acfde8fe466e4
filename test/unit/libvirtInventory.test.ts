/**
 * docs/libvirt-inventory.md is generated from docs/libvirt-inventory/*.json
 * (test/inventory/libvirtInventory.ts); this keeps the page, the data and
 * libvirt's source (when unpacked under /work/src) in sync, and every
 * modelled row names a test that exists.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { extractSites, INVENTORY_PAGE, loadInventory, renderInventory } from '../inventory/libvirtInventory';
import { REPO } from '../helpers';

describe('libvirt inventory (docs/libvirt-inventory.md)', () => {
  const inv = loadInventory();

  it('the page is what the data renders (regenerate: node out/test/inventory/generate.js)', () => {
    assert.strictEqual(fs.readFileSync(INVENTORY_PAGE, 'utf8'), renderInventory(inv.sites, inv.states));
  });

  it("sites.json is what libvirt's source says (when the source is unpacked)", function () {
    const fresh = extractSites();
    if (!fresh) this.skip();
    assert.deepStrictEqual(
      fresh!.map((s) => s.id),
      inv.sites.map((s) => s.id),
    );
  });

  it('every state belongs to a site, and every modelled row names an existing test file', () => {
    const ids = new Set(inv.sites.map((s) => s.id));
    for (const [id, st] of Object.entries(inv.states)) {
      assert.ok(ids.has(id), `states.json: ${id} is no site`);
      if (st.state === 'modelled') {
        assert.ok(st.test, `${id}: modelled without a test`);
        const file = st.test!.split(':')[0];
        assert.ok(fs.existsSync(path.join(REPO, file)), `${id}: test file ${file} does not exist`);
        const title = st.test!.slice(file.length + 1).trim();
        if (title) assert.ok(fs.readFileSync(path.join(REPO, file), 'utf8').includes(title), `${id}: ${file} has no test '${title}'`);
      }
    }
  });
});
