/** The single domain FILE `expand` and `pin` work on: read, parsed with the chosen profile, checked to be a domain. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DomainDocument } from '../languageservice/domainDocument';
import { LanguageService } from '../languageservice/languageService';
import { TargetProfile } from '../languageservice/profiles/profile';
import { ParsedArgs } from './args';
import { cliLanguageService, cliSettings } from './cliService';
import { CliIO, EXIT_FINDINGS, EXIT_USAGE } from './command';
import { profileFromArgs } from './profileOptions';

export type DomainFile =
  { service: LanguageService; document: TextDocument; doc: DomainDocument; file: string; profile: TargetProfile } | { exit: number };

export function loadDomainFile(command: string, usage: string, args: ParsedArgs, io: CliIO): DomainFile {
  if (args.positional.length !== 1) {
    io.stderr(`domxml ${command}: give exactly one FILE\nusage: ${usage}\n`);
    return { exit: EXIT_USAGE };
  }
  const profile = profileFromArgs(args, io);
  const file = args.positional[0];
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    io.stderr(`domxml ${command}: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return { exit: EXIT_USAGE };
  }
  const service = cliLanguageService(profile);
  service.configure(cliSettings(profile));
  const document = TextDocument.create(`file:///${command}.xml`, 'xml', 1, text);
  const doc = service.parse(document);
  if (!doc.isDomain) {
    io.stderr(`domxml ${command}: ${file} is not a libvirt domain (root element <${doc.xml.root?.name ?? 'none'}>)\n`);
    return { exit: EXIT_FINDINGS };
  }
  return { service, document, doc, file, profile };
}
