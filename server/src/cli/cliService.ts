/**
 * The language service as the CLI uses it: file access for schemas, the
 * target profile chosen by the options (given as `target` in the settings),
 * and the local host, whose libvirt the installed schemas belong to.
 */
import * as fs from 'fs';
import { readHostProfile } from '../host/virshProfile';
import { getLanguageService, LanguageService, LanguageSettings } from '../languageservice/languageService';
import { TargetProfile } from '../languageservice/profiles/profile';

export function cliLanguageService(target: TargetProfile): LanguageService {
  let local: { profile?: TargetProfile } | undefined;
  const service = getLanguageService({
    // read only when the schema finds something: it says whether the target is newer than the schema
    localProfile: () => (local ??= { profile: target.id === 'local' ? target : readHostProfile(undefined, false) }).profile,
    readFile: (p) => {
      try {
        return fs.readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
  });
  return service;
}

/** the settings that make the service check for the CLI's target */
export function cliSettings(target: TargetProfile, extra: LanguageSettings = {}): LanguageSettings {
  return { ...extra, target };
}
