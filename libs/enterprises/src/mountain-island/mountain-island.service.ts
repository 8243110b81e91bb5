import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, Page, RequestMeta } from '@ff/core';
import { AuditService } from '@ff/audit';
import { validateRegionCode } from '@ff/regions';
import { EnterpriseErrors } from '../enterprises.errors';
import { MountainIslandCountyDto, MountainIslandListQuery } from './mountain-island.dto';
import { MountainIslandCounty } from './mountain-island-county.entity';

/**
 * 山区海岛县: the counties where a notice's lowered thresholds apply. A table (seeded with the
 * cited list in @ff/regions) so the admin can follow a new designation without a release; every
 * change is audited. Submissions freeze whether the enterprise's county was on the list.
 */
@Injectable()
export class MountainIslandService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(q: MountainIslandListQuery): Promise<Page<MountainIslandCounty>> {
    const [items, total] = await this.dataSource.getRepository(MountainIslandCounty).findAndCount({
      order: { regionCode: 'ASC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /** Whether the county is on the list now (read in the caller's transaction when given). */
  async isDesignated(regionCode: string, em: EntityManager = this.dataSource.manager): Promise<boolean> {
    return em.exists(MountainIslandCounty, { where: { regionCode } });
  }

  /** Adds a county, or changes the source cited for it. */
  async put(
    actor: Actor,
    meta: RequestMeta,
    code: string,
    dto: MountainIslandCountyDto,
  ): Promise<MountainIslandCounty> {
    const region = validateRegionCode(code, { levels: ['county'] });
    if (!region.ok) throw EnterpriseErrors.field('not_a_county', 'regionCode', region.message);
    const regionCode = region.region.code;
    return this.dataSource.transaction(async (em) => {
      const before = await em.findOne(MountainIslandCounty, {
        where: { regionCode },
        lock: { mode: 'pessimistic_write' },
      });
      await em
        .createQueryBuilder()
        .insert()
        .into(MountainIslandCounty)
        .values({ regionCode, name: region.region.name, source: dto.source.trim(), updatedBy: actor.userId })
        .orUpdate(['source', 'updated_by', 'updated_at'], ['region_code'])
        .execute();
      const saved = await em.findOneByOrFail(MountainIslandCounty, { regionCode });
      await this.audit.record(em, actor, meta, {
        action: before ? 'mountain_island_county.updated' : 'mountain_island_county.added',
        entityType: 'mountain_island_county',
        entityId: regionCode,
        before: before ? { name: before.name, source: before.source } : undefined,
        after: { name: saved.name, source: saved.source },
      });
      return saved;
    });
  }

  async remove(actor: Actor, meta: RequestMeta, code: string): Promise<void> {
    const region = validateRegionCode(code, { levels: ['county'] });
    if (!region.ok) throw EnterpriseErrors.field('not_a_county', 'regionCode', region.message);
    await this.dataSource.transaction(async (em) => {
      const regionCode = region.region.code;
      const row = await em.findOne(MountainIslandCounty, {
        where: { regionCode },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw EnterpriseErrors.raise('county_not_designated', region.region.name);
      await em.delete(MountainIslandCounty, { regionCode });
      await this.audit.record(em, actor, meta, {
        action: 'mountain_island_county.removed',
        entityType: 'mountain_island_county',
        entityId: region.region.code,
        before: { name: row.name, source: row.source },
      });
    });
  }
}
