/**
 * The peer-group dimensions of an enterprise beyond its industry (sub-sector, size), recorded with each published
 * result and used by the benchmark "where data exists". The enterprise profile that holds them (sub-sector and
 * size as data lists) is another issue's work (issue 13); until it is on main no enterprise has them, so every
 * benchmark is by industry only. This is the one place to read them from the profile then.
 */
import type { Db } from '../store/util.js';

export interface PeerDimensions {
  subSector: string | null;
  size: string | null;
}

export async function peerDimensionsOf(_db: Db, _enterpriseId: string): Promise<PeerDimensions> {
  return { subSector: null, size: null };
}
