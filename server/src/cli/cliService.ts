/** The language service as the CLI uses it: file access for schemas, and the profile chosen by the options. */
import * as fs from 'fs';
import { getLanguageService, LanguageService } from '../languageservice/languageService';
import { TargetProfile } from '../languageservice/profiles/profile';

export function cliLanguageService(profile: TargetProfile): LanguageService {
  return getLanguageService({
    localProfile: () => profile,
    readFile: (p) => {
      try {
        return fs.readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
  });
}
