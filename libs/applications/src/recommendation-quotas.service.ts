import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, Page, RequestMeta } from '@ff/core';
import { AuditService } from '@ff/audit';
import { BatchesService } from '@ff/batches';
import { cityOf, findRegion, jurisdictionCovers, validateRegionCode } from '@ff/regions';
import { TIER_NAMES, type TierCode } from '@ff/rules';
import { APPLICATION_STATUS_NAMES, ApplicationStatus } from './application.state-machine';
import { QuotaListQuery, QuotaView, RegionStatisticsView, SetQuotaDto, StatisticsQuery } from './dto/quota.dto';
import { LIVE_RECOMMENDATION_SQL, ListKey, activeList, lockList } from './recommendation-list';
import { RecommendationErrors } from './recommendations.errors';

const LEVEL_NAMES = { city: '市级', county: '区县级' } as const;
const regionNameOf = (code: string) => findRegion(code)?.name ?? code;

/**
 * 推荐名额 per batch, region (a city for city recommendations, a county for county ones) and tier,
 * set by the province; and the officials' statistics per city and county. A quota is checked where
 * recommendations are made (RecommendationsService), under the same list lock as here.
 */
@Injectable()
export class RecommendationQuotasService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly batches: BatchesService,
  ) {}

  async set(actor: Actor, meta: RequestMeta, batchId: string, dto: SetQuotaDto): Promise<QuotaView> {
    const region = validateRegionCode(dto.regionCode, { levels: ['city', 'county'] });
    if (!region.ok) throw RecommendationErrors.field('quota_region_invalid', 'regionCode', region.message);
    const batch = await this.batches.getOrFail(batchId);
    if (!batch.tiers.includes(dto.tier)) {
      throw RecommendationErrors.field('quota_tier_not_offered', 'tier', TIER_NAMES[dto.tier]);
    }
    const level = region.region.level as 'city' | 'county';
    const key: ListKey = { batchId, regionCode: region.region.code, tier: dto.tier, level };
    return this.dataSource.transaction(async (em) => {
      await lockList(em, key);
      const count = (await activeList(em, key)).length;
      if (dto.quota !== null && dto.quota < count) {
        throw RecommendationErrors.raise('quota_below_count', dto.quota, count);
      }
      const [before] = await em.query(
        `SELECT quota FROM recommendation_quotas WHERE batch_id = $1 AND region_code = $2 AND tier = $3`,
        [batchId, key.regionCode, key.tier],
      );
      if (dto.quota === null) {
        await em.query(`DELETE FROM recommendation_quotas WHERE batch_id = $1 AND region_code = $2 AND tier = $3`, [
          batchId,
          key.regionCode,
          key.tier,
        ]);
      } else {
        await em.query(
          `INSERT INTO recommendation_quotas (batch_id, region_code, tier, quota, updated_by)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (batch_id, region_code, tier)
           DO UPDATE SET quota = EXCLUDED.quota, updated_by = EXCLUDED.updated_by, updated_at = now()`,
          [batchId, key.regionCode, key.tier, dto.quota, actor.userId],
        );
      }
      await this.audit.record(em, actor, meta, {
        action: 'batch.recommendation_quota_set',
        entityType: 'batch',
        entityId: batchId,
        before: { regionCode: key.regionCode, tier: key.tier, quota: before ? Number(before.quota) : null },
        after: { regionCode: key.regionCode, tier: key.tier, quota: dto.quota, recommended: count },
      });
      return this.view(batchId, key, dto.quota, count);
    });
  }

  /** The batch's quotas within the actor's jurisdiction (the province: all), with the current counts. */
  async list(actor: Actor, meta: RequestMeta, batchId: string, q: QuotaListQuery): Promise<Page<QuotaView>> {
    await this.batches.getVisible(actor, meta, batchId);
    const rows: { region_code: string; tier: string; quota: number }[] = await this.dataSource.query(
      `SELECT region_code, tier, quota FROM recommendation_quotas WHERE batch_id = $1 ORDER BY region_code, tier`,
      [batchId],
    );
    const mine = rows.filter((r) => jurisdictionCovers(actor.regionCode ?? '', r.region_code));
    const counts = await this.liveCounts(batchId);
    const items = mine.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map((r) => {
      const level = findRegion(r.region_code)?.level === 'county' ? 'county' : 'city';
      const key: ListKey = { batchId, regionCode: r.region_code, tier: r.tier, level };
      return this.view(batchId, key, Number(r.quota), counts.get(`${r.region_code}|${r.tier}|${level}`) ?? 0);
    });
    return { items, total: mine.length, page: q.page, pageSize: q.pageSize };
  }

  /**
   * Per city and county of the actor's jurisdiction (or the region asked for, within it): the
   * batch's applications by status, each level's live recommendations against its quota, and the
   * pre-check pass rate over the submissions pre-checked so far.
   */
  async statistics(
    actor: Actor,
    meta: RequestMeta,
    batchId: string,
    q: StatisticsQuery,
  ): Promise<Page<RegionStatisticsView>> {
    await this.batches.getVisible(actor, meta, batchId);
    const scope = q.regionCode ?? actor.regionCode ?? '';
    const within = (code: string) =>
      jurisdictionCovers(actor.regionCode ?? '', code) && jurisdictionCovers(scope, code);
    const byStatus: { region_code: string; status: ApplicationStatus; n: number }[] = await this.dataSource.query(
      `SELECT e.region_code, a.status, count(*)::int AS n FROM applications a
         JOIN enterprises e ON e.id = a.enterprise_id WHERE a.batch_id = $1 GROUP BY 1, 2`,
      [batchId],
    );
    const prechecks: { region_code: string; passed: number; done: number }[] = await this.dataSource.query(
      `SELECT e.region_code,
              count(*) FILTER (WHERE s.precheck_status = 'passed')::int AS passed,
              count(*) FILTER (WHERE s.precheck_status IN ('passed', 'returned'))::int AS done
         FROM application_submissions s
         JOIN applications a ON a.id = s.application_id
         JOIN enterprises e ON e.id = a.enterprise_id
        WHERE a.batch_id = $1 GROUP BY 1`,
      [batchId],
    );
    const quotas: { region_code: string; tier: string; quota: number }[] = await this.dataSource.query(
      `SELECT region_code, tier, quota FROM recommendation_quotas WHERE batch_id = $1`,
      [batchId],
    );
    const counts = await this.liveCounts(batchId);
    const batch = await this.batches.getOrFail(batchId);

    // Counties with applications, and their cities: the rows of the table.
    const rows = new Map<string, RegionStatisticsView>();
    const row = (code: string): RegionStatisticsView => {
      let r = rows.get(code);
      if (!r) {
        const level = findRegion(code)?.level === 'county' ? 'county' : 'city';
        r = {
          regionCode: code,
          regionName: regionNameOf(code),
          level,
          levelName: LEVEL_NAMES[level],
          cityCode: level === 'county' ? (cityOf(code)?.code ?? null) : null,
          total: 0,
          byStatus: [],
          recommendations: batch.tiers.map((tier) => ({
            tier,
            tierName: TIER_NAMES[tier],
            recommended: counts.get(`${code}|${tier}|${level}`) ?? 0,
            quota: quotas.find((x) => x.region_code === code && x.tier === tier)?.quota ?? null,
          })),
          prechecked: 0,
          precheckPassed: 0,
          precheckPassRate: null,
        };
        rows.set(code, r);
      }
      return r;
    };
    const addStatus = (r: RegionStatisticsView, status: ApplicationStatus, n: number) => {
      r.total += n;
      const s = r.byStatus.find((x) => x.status === status);
      if (s) s.count += n;
      else r.byStatus.push({ status, statusName: APPLICATION_STATUS_NAMES[status], count: n });
    };
    for (const s of byStatus) {
      const city = cityOf(s.region_code);
      if (within(s.region_code)) addStatus(row(s.region_code), s.status, s.n);
      if (city && within(city.code) && jurisdictionCovers(scope, city.code)) addStatus(row(city.code), s.status, s.n);
    }
    for (const p of prechecks) {
      const city = cityOf(p.region_code);
      for (const code of [p.region_code, city?.code]) {
        if (!code || !within(code) || !rows.has(code)) continue;
        const r = rows.get(code)!;
        r.prechecked += p.done;
        r.precheckPassed += p.passed;
      }
    }
    for (const q2 of quotas) if (within(q2.region_code)) row(q2.region_code);
    const all = [...rows.values()]
      .map((r) => ({ ...r, precheckPassRate: r.prechecked ? r.precheckPassed / r.prechecked : null }))
      .sort((a, b) => a.regionCode.localeCompare(b.regionCode));
    return {
      items: all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize),
      total: all.length,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** Live recommendations per `region|tier|level` of the batch. */
  private async liveCounts(batchId: string): Promise<Map<string, number>> {
    const rows: { region_code: string; tier: string; level: string; n: number }[] = await this.dataSource.query(
      `SELECT r.region_code, r.tier, r.level, count(*)::int AS n FROM recommendations r
         JOIN applications a ON a.id = r.application_id
        WHERE r.batch_id = $1 AND ${LIVE_RECOMMENDATION_SQL} GROUP BY 1, 2, 3`,
      [batchId],
    );
    return new Map(rows.map((r) => [`${r.region_code}|${r.tier}|${r.level}`, r.n]));
  }

  private view(batchId: string, key: ListKey, quota: number | null, recommended: number): QuotaView {
    return {
      batchId,
      regionCode: key.regionCode,
      regionName: regionNameOf(key.regionCode),
      level: key.level,
      levelName: key.level === 'county' ? '县级推荐' : '市级推荐',
      tier: key.tier,
      tierName: TIER_NAMES[key.tier as TierCode],
      quota,
      recommended,
    };
  }
}
