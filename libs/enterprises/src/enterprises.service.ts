import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { insertInChunks, isUniqueViolation, pageOf } from '@ff/database';
import { AccessErrors, Actor, AppError, Page, RequestMeta, normalizeCode, notFound, validationFailed } from '@ff/core';
import { AuditEntry, AuditService } from '@ff/audit';
import { AuthorizationService, IdentityErrors, UsersService } from '@ff/identity';
import { EnterpriseErrors } from './enterprises.errors';
import { RegionErrors, validateRegionCode } from '@ff/regions';
import { validateCreditCode } from './domain';
import { CreateEnterpriseDto, EnterpriseListQuery, UpdateEnterpriseDto } from './dto/enterprise.dto';
import { Enterprise } from './entities/enterprise.entity';
import { canEditEnterprise, canSeeEnterprise, enterpriseVisibleSql, jurisdictionSql } from './enterprises.policy';
import { matchNameOrCreditCode } from './enterprise-query';

const LABEL = '企业';

/** One enterprise row of an import, as its parser read it. */
export interface ImportedEnterprise {
  creditCode: string;
  name: string;
  regionCode: string;
  industryMode: 'discrete' | 'process';
  contactName: string | null;
  contactPhone: string | null;
}

function checkedCreditCode(input: string): string {
  const result = validateCreditCode(input);
  if (!result.ok) throw EnterpriseErrors.field('invalid_credit_code', 'creditCode', result.message);
  return result.code;
}

/** Enterprises are located in a county: the county recommender is the first step of 属地推荐. */
function checkedRegion(input: string): string {
  const result = validateRegionCode(input, { levels: ['county'] });
  if (!result.ok) throw RegionErrors.field('invalid_region_code', 'regionCode', result.message);
  return result.region.code;
}

@Injectable()
export class EnterprisesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly authz: AuthorizationService,
    private readonly users: UsersService,
  ) {}

  /** An enterprise user registers its own enterprise (and is bound to it); an official registers any. */
  async register(actor: Actor, meta: RequestMeta, dto: CreateEnterpriseDto): Promise<Enterprise> {
    if (actor.role === 'enterprise' && actor.enterpriseId) {
      throw IdentityErrors.raise('enterprise_already_bound');
    }
    const values = {
      name: dto.name,
      creditCode: checkedCreditCode(dto.creditCode),
      regionCode: checkedRegion(dto.regionCode),
      industryMode: dto.industryMode,
      profile: { ...(dto.profile ?? {}) },
      contactName: dto.contactName ?? null,
      contactPhone: dto.contactPhone ?? null,
      createdBy: actor.userId,
    };
    try {
      return await this.dataSource.transaction(async (em) => {
        const enterprise = await em.save(em.create(Enterprise, values));
        if (actor.role === 'enterprise') await this.users.bindEnterprise(em, actor, meta, actor.userId, enterprise.id);
        await this.audit.record(em, actor, meta, {
          action: 'enterprise.registered',
          entityType: 'enterprise',
          entityId: enterprise.id,
          after: enterprise,
        });
        return enterprise;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw this.creditCodeTaken(values.creditCode);
      throw e;
    }
  }

  /**
   * The batch-friendly form of `register` and `update` for an import, inside the caller's
   * transaction: the same credit-code and county checks, the same rule that only the province
   * changes a county or edits a registered enterprise (a recommender's rows for one leave it as it
   * is), one audit event per enterprise created or changed. Returns the enterprise id per credit code.
   */
  async importMany(
    em: EntityManager,
    actor: Actor,
    meta: RequestMeta,
    rows: ImportedEnterprise[],
  ): Promise<{ ids: Map<string, string>; created: number; updated: number }> {
    const codes = rows.map((r) => checkedCreditCode(r.creditCode));
    const existing = codes.length
      ? await em
          .createQueryBuilder(Enterprise, 'e')
          .setLock('pessimistic_write')
          .where('e.credit_code IN (:...codes)', { codes })
          .getMany()
      : [];
    const byCode = new Map(existing.map((e) => [e.creditCode, e]));
    const ids = new Map<string, string>();
    const audit: AuditEntry[] = [];
    const fresh: Partial<Enterprise>[] = [];
    let updated = 0;
    for (const row of rows) {
      const creditCode = checkedCreditCode(row.creditCode);
      const regionCode = checkedRegion(row.regionCode);
      const current = byCode.get(creditCode);
      if (!current) {
        fresh.push({
          name: row.name,
          creditCode,
          regionCode,
          industryMode: row.industryMode,
          profile: {},
          contactName: row.contactName,
          contactPhone: row.contactPhone,
          createdBy: actor.userId,
        });
        continue;
      }
      ids.set(creditCode, current.id);
      if (!canSeeEnterprise(actor, current)) throw notFound(LABEL);
      if (!canEditEnterprise(actor, current)) continue;
      const changes: Partial<Enterprise> = {};
      if (current.name !== row.name) changes.name = row.name;
      if (current.regionCode !== regionCode) changes.regionCode = regionCode;
      if (row.contactName !== null && current.contactName !== row.contactName) changes.contactName = row.contactName;
      if (row.contactPhone !== null && current.contactPhone !== row.contactPhone)
        changes.contactPhone = row.contactPhone;
      if (!Object.keys(changes).length) continue;
      await em.update(Enterprise, { id: current.id }, { ...changes, version: current.version + 1 });
      updated++;
      audit.push({
        action: 'enterprise.updated',
        entityType: 'enterprise',
        entityId: current.id,
        before: Object.fromEntries(Object.keys(changes).map((k) => [k, current[k as keyof Enterprise]])),
        after: { ...changes, via: 'import' },
      });
    }
    const inserted = await insertInChunks(em, Enterprise, fresh);
    inserted.forEach((id, i) => {
      ids.set(fresh[i].creditCode!, id);
      audit.push({
        action: 'enterprise.registered',
        entityType: 'enterprise',
        entityId: id,
        after: { ...fresh[i], id, via: 'import' },
      });
    });
    await this.audit.recordMany(em, actor, meta, audit);
    return { ids, created: fresh.length, updated };
  }

  private creditCodeTaken(code: string): AppError {
    return EnterpriseErrors.raise('credit_code_taken', code);
  }

  async getOrFail(id: string, em: EntityManager = this.dataSource.manager): Promise<Enterprise> {
    const enterprise = await em.findOne(Enterprise, { where: { id } });
    if (!enterprise) throw notFound(LABEL);
    return enterprise;
  }

  /** Registered enterprises by credit code (already normalised), for an import's preview; no access check. */
  async findByCreditCodes(codes: string[]): Promise<Enterprise[]> {
    const out: Enterprise[] = [];
    for (let at = 0; at < codes.length; at += 1000) {
      const chunk = codes.slice(at, at + 1000);
      out.push(...(await this.dataSource.manager.find(Enterprise, { where: { creditCode: In(chunk) } })));
    }
    return out;
  }

  /** The enterprise an enterprise user acts for, or a clear message to register it first. */
  async findForActor(actor: Actor): Promise<Enterprise> {
    if (actor.role !== 'enterprise') throw AccessErrors.raise('forbidden', 'role');
    if (!actor.enterpriseId) throw EnterpriseErrors.raise('enterprise_not_registered');
    return this.getOrFail(actor.enterpriseId);
  }

  async getVisible(actor: Actor, meta: RequestMeta, id: string): Promise<Enterprise> {
    const enterprise = await this.dataSource.manager.findOne(Enterprise, { where: { id } });
    await this.authz.ensure(!!enterprise && canSeeEnterprise(actor, enterprise), actor, meta, {
      entityType: 'enterprise',
      entityId: id,
      label: LABEL,
    });
    return enterprise!;
  }

  async update(actor: Actor, meta: RequestMeta, id: string, dto: UpdateEnterpriseDto): Promise<Enterprise> {
    try {
      return await this.dataSource.transaction(async (em) => {
        const enterprise = await em.findOne(Enterprise, { where: { id }, lock: { mode: 'pessimistic_write' } });
        await this.authz.ensure(
          !!enterprise && canSeeEnterprise(actor, enterprise) && canEditEnterprise(actor, enterprise),
          actor,
          meta,
          {
            entityType: 'enterprise',
            entityId: id,
            label: LABEL,
          },
        );
        const current = enterprise!;
        const before = { ...current };
        if (dto.creditCode !== undefined) {
          const code = checkedCreditCode(dto.creditCode);
          if (code !== current.creditCode && actor.role !== 'official')
            throw await this.provinceOnly(actor, meta, id, 'creditCode', '统一社会信用代码');
          current.creditCode = code;
        }
        if (dto.regionCode !== undefined) {
          const code = checkedRegion(dto.regionCode);
          if (code !== current.regionCode && actor.role !== 'official')
            throw await this.provinceOnly(actor, meta, id, 'regionCode', '所在区县');
          current.regionCode = code;
        }
        if (dto.name !== undefined) current.name = dto.name;
        if (dto.industryMode !== undefined) current.industryMode = dto.industryMode;
        if (dto.profile !== undefined) current.profile = { ...dto.profile };
        if (dto.contactName !== undefined) current.contactName = dto.contactName;
        if (dto.contactPhone !== undefined) current.contactPhone = dto.contactPhone;
        const saved = await em.save(current);
        await this.audit.record(em, actor, meta, {
          action: 'enterprise.updated',
          entityType: 'enterprise',
          entityId: id,
          before,
          after: saved,
        });
        return saved;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw this.creditCodeTaken(normalizeCode(dto.creditCode ?? ''));
      throw e;
    }
  }

  /**
   * The credit code, and the county (it decides which recommenders act on the enterprise's
   * applications), change after registration only by the province; a refused change is audited.
   */
  private async provinceOnly(
    actor: Actor,
    meta: RequestMeta,
    id: string,
    field: string,
    name: string,
  ): Promise<AppError> {
    await this.authz.deny(actor, meta, { entityType: 'enterprise', entityId: id, label: LABEL }, false);
    return EnterpriseErrors.field('enterprise_field_province_only', field, name);
  }

  /** Scoped by role before any filter applies: a filter can narrow what one may see, never widen it. */
  async list(actor: Actor, query: EnterpriseListQuery): Promise<Page<Enterprise>> {
    const qb = this.dataSource.getRepository(Enterprise).createQueryBuilder('e');
    if (actor.role !== 'enterprise' && actor.role !== 'recommender' && actor.role !== 'official') {
      throw AccessErrors.raise('forbidden', 'role');
    }
    const visible = enterpriseVisibleSql(actor);
    qb.where(visible.sql, visible.params);
    // The same meaning as on every list: a city code includes its counties (not a string prefix).
    if (query.regionCode) {
      const region = validateRegionCode(query.regionCode);
      if (!region.ok)
        throw validationFailed([{ field: 'regionCode', code: 'invalid_region_code', message: region.message }]);
      const inRegion = jurisdictionSql(region.region.code, 'filter');
      qb.andWhere(inRegion.sql, inRegion.params);
    }
    if (query.q) matchNameOrCreditCode(qb, query.q);
    const sort = query.sort ?? '-createdAt';
    const column = { createdAt: 'e.created_at', name: 'e.name', regionCode: 'e.region_code' }[sort.replace('-', '')]!;
    return pageOf(qb.orderBy(column, sort.startsWith('-') ? 'DESC' : 'ASC').addOrderBy('e.id', 'ASC'), query);
  }

  /** County codes inside a jurisdiction; SQL then filters by an exact list, not a string prefix. */
}
