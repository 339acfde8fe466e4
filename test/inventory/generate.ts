/** Regenerates docs/libvirt-inventory/sites.json (when libvirt's source is unpacked) and docs/libvirt-inventory.md. */
import * as fs from 'fs';
import * as path from 'path';
import { extractSites, INVENTORY_DIR, INVENTORY_PAGE, loadInventory, renderInventory } from './libvirtInventory';

fs.mkdirSync(INVENTORY_DIR, { recursive: true });
const sites = extractSites();
if (sites) fs.writeFileSync(path.join(INVENTORY_DIR, 'sites.json'), '[\n' + sites.map((s) => JSON.stringify(s)).join(',\n') + '\n]\n');
else console.error("libvirt's source is not unpacked under /work/src: keeping sites.json");
const statesFile = path.join(INVENTORY_DIR, 'states.json');
if (!fs.existsSync(statesFile)) fs.writeFileSync(statesFile, '{}\n');
const inv = loadInventory();
fs.writeFileSync(INVENTORY_PAGE, renderInventory(inv.sites, inv.states));
console.log(`${inv.sites.length} sites; wrote ${path.relative(process.cwd(), INVENTORY_PAGE)}`);
