import type { EntityManager } from 'typeorm';
import { RecommendationErrors } from './recommendations.errors';

/** One recommender's ranked list: a region (the recommender's county or city), a batch, a tier, a level. */
export interface ListKey {
  batchId: string;
  regionCode: string;
  tier: string;
  level: 'county' | 'city';
}

/**
 * Serialises every change to one ranked list (recommend, reorder, withdraw) and the quota check:
 * a transaction-scoped advisory lock on the list's key, taken before any row lock, so two
 * concurrent recommendations are counted one after the other and can never exceed the quota.
 * (Two-key form: a separate lock space from the audit chain's one-key lock.)
 */
export async function lockList(em: EntityManager, k: ListKey): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock(hashtext('ff_recommendation_list'), hashtext($1))`, [
    `${k.batchId}|${k.regionCode}|${k.tier}|${k.level}`,
  ]);
}

/**
 * What counts in a list (and against its quota): a recommendation not withdrawn, of the
 * application's current submission, whose application has not since been returned or withdrawn.
 * SQL over `r` (recommendations) and `a` (its application).
 */
export const LIVE_RECOMMENDATION_SQL = `r.decision = 'recommend' AND r.withdrawn_at IS NULL
  AND a.current_submission_id = r.submission_id AND a.status NOT IN ('returned', 'withdrawn')`;

/** The live recommendations of the list, in rank order. */
export async function activeList(em: EntityManager, k: ListKey): Promise<{ id: string; applicationId: string }[]> {
  return em.query(
    `SELECT r.id, r.application_id AS "applicationId" FROM recommendations r
       JOIN applications a ON a.id = r.application_id
      WHERE r.batch_id = $1 AND r.region_code = $2 AND r.tier = $3 AND r.level = $4 AND ${LIVE_RECOMMENDATION_SQL}
      ORDER BY r.rank NULLS LAST, r.created_at, r.id`,
    [k.batchId, k.regionCode, k.tier, k.level],
  );
}

/**
 * Writes ranks 1..n over the list in the given order; whatever else of the list still holds a
 * rank (an application returned or withdrawn since) loses it.
 */
export async function renumber(em: EntityManager, k: ListKey, ids: string[]): Promise<void> {
  await em.query(
    `UPDATE recommendations SET rank = NULL
      WHERE batch_id = $1 AND region_code = $2 AND tier = $3 AND level = $4 AND rank IS NOT NULL`,
    [k.batchId, k.regionCode, k.tier, k.level],
  );
  if (!ids.length) return;
  await em.query(
    `UPDATE recommendations r SET rank = v.ord
       FROM unnest($1::uuid[]) WITH ORDINALITY AS v(id, ord) WHERE r.id = v.id`,
    [ids],
  );
}

/** The quota set for the list's region and tier in the batch; null when none is set. */
export async function quotaOf(em: EntityManager, k: ListKey): Promise<number | null> {
  const [row] = await em.query(
    `SELECT quota FROM recommendation_quotas WHERE batch_id = $1 AND region_code = $2 AND tier = $3`,
    [k.batchId, k.regionCode, k.tier],
  );
  return row ? Number(row.quota) : null;
}

/** Refuses a new recommendation beyond the quota, naming the quota and the current count. */
export function assertWithinQuota(quota: number | null, count: number, regionName: string, tierName: string) {
  if (quota !== null && count >= quota) {
    throw RecommendationErrors.raise('quota_exceeded', regionName, tierName, quota, count);
  }
}

/** `id` moved to position `rank` (1-based, clamped to the list). */
export function moveTo(ids: string[], id: string, rank: number): string[] {
  const rest = ids.filter((x) => x !== id);
  const at = Math.min(Math.max(rank, 1), rest.length + 1) - 1;
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}
