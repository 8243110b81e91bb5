/**
 * Who may import applications and see an import. Officials import for the whole province; a city
 * or county recommender (属地推荐单位) imports for its own jurisdiction only — every enterprise row
 * must lie in it, and a registered enterprise elsewhere is refused. An import belongs to the
 * jurisdiction it was uploaded for: visible to the parties whose jurisdiction covers it (the
 * province sees all, a city its counties' imports), answered 404 to anyone else.
 */
import type { Actor } from '@ff/core';
import { ZHEJIANG_REGIONS, jurisdictionCovers } from '@ff/regions';

export const IMPORT_ROLES = ['official', 'recommender'] as const;

export function canSeeImport(actor: Actor, imp: { jurisdictionCode: string }): boolean {
  return (
    (actor.role === 'official' || actor.role === 'recommender') &&
    !!actor.regionCode &&
    jurisdictionCovers(actor.regionCode, imp.jurisdictionCode)
  );
}

/** The policy's SQL form: the jurisdiction codes whose imports the actor sees (null: all). */
export function visibleJurisdictions(actor: Actor): string[] | null {
  if (!actor.regionCode) return [];
  if (actor.role === 'official') return null;
  return ZHEJIANG_REGIONS.filter((r) => jurisdictionCovers(actor.regionCode!, r.code)).map((r) => r.code);
}
