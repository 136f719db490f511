/**
 * The peer-group dimensions of an enterprise beyond its industry (sub-sector, size), recorded with each published
 * result and used by the benchmark "where data exists" (issue 14). They come from the enterprise profile (issue 13,
 * clause 4.6.4: codes of standard/enterprise-profile/profile-lists.json); null where the profile does not say.
 * This is the one place to read them from the profile.
 */
import type { Db } from '../store/util.js';

export interface PeerDimensions {
  subSector: string | null;
  size: string | null;
}

export async function peerDimensionsOf(db: Db, enterpriseId: string): Promise<PeerDimensions> {
  const r = await db
    .selectFrom('organisations')
    .select(['sub_sector', 'size'])
    .where('id', '=', enterpriseId)
    .where('kind', '=', 'enterprise')
    .executeTakeFirst();
  return { subSector: r?.sub_sector ?? null, size: r?.size ?? null };
}
