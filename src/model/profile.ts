/**
 * The enterprise profile lists (issue 13, clause 4.6.4): size, sub-sector, region, ownership. Kept as data in
 * standard/enterprise-profile/profile-lists.json (code + Chinese and English label); this module is pure and
 * browser-safe, so the web shows the labels from the same lists the service validates against.
 */
import lists from '../../standard/enterprise-profile/profile-lists.json' with { type: 'json' };

export interface ProfileOption {
  code: string;
  zh: string;
  en: string;
}

export const PROFILE_FIELDS = ['size', 'subSector', 'region', 'ownership'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export const PROFILE_LISTS: Readonly<Record<ProfileField, readonly ProfileOption[]>> = {
  size: lists.size,
  subSector: lists.subSector,
  region: lists.region,
  ownership: lists.ownership,
};

/** The enterprise profile: each field a code of its list, or null when not recorded. */
export interface OrganisationProfile {
  size: string | null;
  subSector: string | null;
  region: string | null;
  ownership: string | null;
}

export const EMPTY_PROFILE: OrganisationProfile = {
  size: null,
  subSector: null,
  region: null,
  ownership: null,
};

export function isProfileCode(field: ProfileField, code: string): boolean {
  return PROFILE_LISTS[field].some((o) => o.code === code);
}

/** The label of a code in the given language; the code itself when it is not on the list. */
export function profileLabel(field: ProfileField, code: string | null, lang: 'zh' | 'en' = 'zh'): string {
  if (code === null) return '';
  const o = PROFILE_LISTS[field].find((x) => x.code === code);
  return o ? o[lang] : code;
}
