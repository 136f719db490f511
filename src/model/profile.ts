/**
 * The enterprise profile lists (issue 13, clause 4.6.4): size, sub-sector, region, ownership. Kept as data in
 * standard/enterprise-profile/profile-lists.json (code + Chinese and English label); this module is pure and
 * browser-safe, so the web shows the labels from the same lists the service validates against.
 */
import { ENTERPRISE_SIZES, type EnterpriseSize } from './types.js';
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

/**
 * What the planner knows of the enterprise from its profile (§4.6.4: 规模、细分行业特性): the size code, the
 * sub-sector's Chinese label (the planner's and the report's convention, e.g. 铜) and region and ownership as
 * text; undefined when the profile is empty.
 */
export function planningProfileOf(
  p: OrganisationProfile,
): { size?: EnterpriseSize; subSector?: string; description?: string } | undefined {
  const size =
    p.size && (ENTERPRISE_SIZES as readonly string[]).includes(p.size)
      ? (p.size as EnterpriseSize)
      : undefined;
  const subSector = p.subSector ? profileLabel('subSector', p.subSector) : undefined;
  const description = [
    p.region ? `地处${profileLabel('region', p.region)}` : '',
    p.ownership ? `${profileLabel('ownership', p.ownership)}企业` : '',
  ]
    .filter(Boolean)
    .join('，');
  if (!size && !subSector && !description) return undefined;
  return {
    ...(size ? { size } : {}),
    ...(subSector ? { subSector } : {}),
    ...(description ? { description } : {}),
  };
}
