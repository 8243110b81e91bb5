import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { Actor, ErrorDetail, Page, RequestMeta, validationFailed } from '@ff/core';
import { AuditService } from '@ff/audit';
import { containsPattern, pageOf } from '@ff/database';
import { AuthorizationService, UsersService } from '@ff/identity';
import { CreateExpertDto, ExpertSelfUpdateDto, ListExpertsQuery, UpdateExpertDto } from './dto/expert.dto';
import { CreatedExpertView, ExpertView, toExpertView } from './dto/expert.view';
import { Expert } from './entities/expert.entity';
import { checkCreditCode, checkExpertise, checkPeriods, checkRegion, checkRelationships } from './expert-profile';

const LABEL = '评审专家';

/** A one-time password that meets the password policy; the expert must change it at first login. */
export const oneTimePassword = () => `${randomBytes(9).toString('base64url')}-Ff7`;

const auditView = (e: Expert) => {
  const { createdAt: _c, updatedAt: _u, ...rest } = e;
  return rest;
};

/** The expert pool: officials add and manage experts; an expert keeps its availability and declarations. */
@Injectable()
export class ExpertsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly authz: AuthorizationService,
    private readonly users: UsersService,
  ) {}

  /** The profile checks beyond shape; `prefix` names the row in an import (`第3行.`). */
  profileErrors(
    dto: CreateExpertDto | UpdateExpertDto,
    prefix = '',
  ): { errors: ErrorDetail[]; creditCode?: string | null } {
    const errors: ErrorDetail[] = [];
    if (dto.expertise) errors.push(...checkExpertise(dto.expertise, `${prefix}expertise`));
    if (dto.regionCode !== undefined) errors.push(...checkRegion(dto.regionCode, `${prefix}regionCode`));
    const cc = checkCreditCode(dto.employerCreditCode, `${prefix}employerCreditCode`);
    errors.push(...cc.errors);
    return { errors, creditCode: dto.employerCreditCode === undefined ? undefined : cc.code };
  }

  async create(actor: Actor, meta: RequestMeta, dto: CreateExpertDto): Promise<CreatedExpertView> {
    const { errors } = this.profileErrors(dto);
    if (errors.length) throw validationFailed(errors);
    return this.dataSource.transaction((em) => this.insert(em, actor, meta, dto));
  }

  /** All or nothing: the import's rows in one transaction. */
  async createMany(actor: Actor, meta: RequestMeta, rows: CreateExpertDto[]): Promise<CreatedExpertView[]> {
    return this.dataSource.transaction(async (em) => {
      const out: CreatedExpertView[] = [];
      for (const dto of rows) out.push(await this.insert(em, actor, meta, dto));
      return out;
    });
  }

  private async insert(em: EntityManager, actor: Actor, meta: RequestMeta, dto: CreateExpertDto) {
    const password = oneTimePassword();
    const user = await this.users.createIn(
      em,
      actor,
      meta,
      { username: dto.username, displayName: dto.name, password, role: 'expert' },
      { mustChangePassword: true },
    );
    const expert = await em.save(
      em.create(Expert, {
        userId: user.id,
        name: dto.name,
        title: dto.title,
        email: dto.email ?? null,
        employerName: dto.employerName,
        employerCreditCode: checkCreditCode(dto.employerCreditCode, 'employerCreditCode').code,
        employerGroup: dto.employerGroup ?? null,
        regionCode: dto.regionCode,
        expertise: dto.expertise.map((e) => ({ domain: e.domain, level: e.level })),
        industryModes: dto.industryModes ?? [],
        tags: dto.tags ?? [],
        maxTasksPerRound: dto.maxTasksPerRound ?? 10,
        unavailable: [],
        relationships: [],
        active: true,
        createdBy: actor.userId,
      }),
    );
    await this.audit.record(em, actor, meta, {
      action: 'expert.created',
      entityType: 'expert',
      entityId: expert.id,
      after: auditView(expert),
    });
    return { ...toExpertView(expert), username: dto.username, initialPassword: password };
  }

  async update(actor: Actor, meta: RequestMeta, id: string, dto: UpdateExpertDto): Promise<ExpertView> {
    const { errors, creditCode } = this.profileErrors(dto);
    if (errors.length) throw validationFailed(errors);
    return this.change(actor, meta, id, 'expert.updated', (e) => {
      Object.assign(e, {
        ...dto,
        ...(creditCode !== undefined ? { employerCreditCode: creditCode } : {}),
        ...(dto.expertise ? { expertise: dto.expertise.map((x) => ({ domain: x.domain, level: x.level })) } : {}),
      });
    });
  }

  async updateSelf(actor: Actor, meta: RequestMeta, dto: ExpertSelfUpdateDto): Promise<ExpertView> {
    const me = await this.forActor(actor);
    const errors: ErrorDetail[] = [];
    if (dto.unavailable) errors.push(...checkPeriods(dto.unavailable));
    const rel = dto.relationships ? checkRelationships(dto.relationships as never) : null;
    if (rel) errors.push(...rel.errors);
    if (errors.length) throw validationFailed(errors);
    return this.change(actor, meta, me.id, 'expert.declarations_updated', (e) => {
      if (dto.unavailable) e.unavailable = dto.unavailable.map((p) => ({ from: p.from, to: p.to, reason: p.reason }));
      if (rel) e.relationships = rel.value;
      if (dto.email !== undefined) e.email = dto.email;
    });
  }

  private async change(
    actor: Actor,
    meta: RequestMeta,
    id: string,
    action: string,
    apply: (e: Expert) => void,
  ): Promise<ExpertView> {
    return this.dataSource.transaction(async (em) => {
      const e = await em.findOne(Expert, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!e) throw await this.authz.deny(actor, meta, { entityType: 'expert', entityId: id, label: LABEL });
      const before = auditView(e);
      apply(e);
      const saved = await em.save(e);
      await this.audit.record(em, actor, meta, {
        action,
        entityType: 'expert',
        entityId: id,
        before,
        after: auditView(saved),
      });
      return toExpertView(saved);
    });
  }

  /** The expert record of a signed-in expert. */
  async forActor(actor: Actor, em: EntityManager = this.dataSource.manager): Promise<Expert> {
    const e = await em.findOne(Expert, { where: { userId: actor.userId } });
    if (!e) throw await this.authz.deny(actor, {}, { entityType: 'expert', entityId: actor.userId, label: LABEL });
    return e;
  }

  async me(actor: Actor): Promise<ExpertView> {
    return toExpertView(await this.forActor(actor));
  }

  async get(actor: Actor, meta: RequestMeta, id: string): Promise<ExpertView> {
    const e = await this.dataSource.manager.findOne(Expert, { where: { id } });
    const visible = !!e && (actor.role === 'official' || e.userId === actor.userId);
    await this.authz.ensure(visible, actor, meta, { entityType: 'expert', entityId: id, label: LABEL });
    return toExpertView(e!);
  }

  async list(q: ListExpertsQuery): Promise<Page<ExpertView>> {
    const qb = this.dataSource.getRepository(Expert).createQueryBuilder('x');
    if (q.domain) qb.andWhere(`x.expertise @> :d::jsonb`, { d: JSON.stringify([{ domain: q.domain }]) });
    if (q.active !== undefined) qb.andWhere('x.active = :active', { active: q.active });
    if (q.q) {
      const like = containsPattern(q.q);
      qb.andWhere(
        new Brackets((w) => w.where('x.name ILIKE :like', { like }).orWhere('x.employer_name ILIKE :like', { like })),
      );
    }
    return pageOf(qb.orderBy('x.created_at', 'ASC').addOrderBy('x.id', 'ASC'), q, toExpertView);
  }
}
