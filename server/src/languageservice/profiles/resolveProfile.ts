/** Picks the target profile from settings: a built-in id, explicit versions, or the local host. */
import { builtinProfile, customProfile, DEFAULT_PROFILE_ID } from './builtinProfiles';
import { TargetProfile } from './profile';

export interface ProfileSettings {
  /** a built-in profile id, or 'local' for the host's libvirt when it answered */
  profile?: string;
  /** explicit versions (CLI --libvirt/--qemu) override the id */
  libvirt?: string;
  qemu?: string;
  /** a profile already resolved by the host (the CLI's --profile/--connect/--caps choice); wins over the rest */
  target?: TargetProfile;
}

export function resolveProfile(s: ProfileSettings, local?: TargetProfile): TargetProfile {
  if (s.target) return s.target;
  if (s.libvirt && s.qemu) return customProfile(s.libvirt, s.qemu);
  if ((s.profile === 'local' || !s.profile) && local) return local;
  return builtinProfile(s.profile ?? DEFAULT_PROFILE_ID) ?? builtinProfile(DEFAULT_PROFILE_ID)!;
}
