/**
 * Code lenses that sum up what libvirt adds, with the pin command:
 * - on `<devices>`: "libvirt 9.0 will add 9 devices, 14 addresses: Pin all"
 *   (pins ABI defaults and addresses);
 * - on `<domain>`: what it adds or sets outside `<devices>` (pins ABI defaults).
 * The counts cover every fill of the active target, risky or not.
 */
import { CodeLens } from 'vscode-languageserver-types';
import { DomainDocument } from '../domainDocument';
import { shortVersion } from '../knowledge/versions';
import { Ranking } from './abiRisk';

/** the server command that applies the pin edits (arguments: uri, with addresses) */
const PIN_ALL_COMMAND = 'domxml.server.pinAll';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function codeLenses(doc: DomainDocument, ranking: Ranking): CodeLens[] {
  const domain = doc.domain;
  if (!domain) return [];
  const devices = domain.child('devices');
  const v = shortVersion(ranking.active.libvirt);
  const inDevices = (offset: number) => !!devices && offset >= devices.start && offset < (devices.end > 0 ? devices.end : doc.text.length);
  let addedDevices = 0;
  let addresses = 0;
  let addedElsewhere = 0;
  let setElsewhere = 0;
  for (const g of ranking.groups) {
    if (g.foreign) continue;
    if (g.kind === 'address') addresses++;
    else if (g.kind === 'added' && g.subject.parent?.name === 'devices') {
      addedDevices++;
      for (const n of g.subject.walk()) if (n.name === 'address') addresses++;
    } else if (!inDevices(g.start)) {
      if (g.kind === 'added') addedElsewhere++;
      else setElsewhere += g.fills.length;
    }
  }
  const out: CodeLens[] = [];
  const uri = doc.textDocument.uri;
  if (addedElsewhere || setElsewhere) {
    const what = [addedElsewhere && `add ${plural(addedElsewhere, 'element')}`, setElsewhere && `set ${plural(setElsewhere, 'value')}`]
      .filter(Boolean)
      .join(' and ');
    out.push({
      range: doc.range(domain.nameStart, domain.nameEnd),
      command: { title: `libvirt ${v} will ${what}: Pin all`, command: PIN_ALL_COMMAND, arguments: [uri, false] },
    });
  }
  if (devices && (addedDevices || addresses)) {
    const what = [addedDevices && plural(addedDevices, 'device'), addresses && plural(addresses, 'address', 'addresses')]
      .filter(Boolean)
      .join(', ');
    out.push({
      range: doc.range(devices.nameStart, devices.nameEnd),
      command: { title: `libvirt ${v} will add ${what}: Pin all`, command: PIN_ALL_COMMAND, arguments: [uri, true] },
    });
  }
  return out;
}
