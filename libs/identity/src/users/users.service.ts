import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Actor, RequestMeta, SYSTEM_ACTOR, badRequest, conflict, notFound, Page } from '@ff/core';
import { AuditService } from '@ff/audit';
import { validateRegionCode } from '@ff/regions';
import { Session } from '../entities/session.entity';
import { User, publicUser } from '../entities/user.entity';
import { assertPasswordPolicy, hashPassword } from '../auth/password';
import { CreateUserDto, RegisterEnterpriseUserDto, UpdateUserDto } from '../dto/user.dto';

export type PublicUser = ReturnType<typeof publicUser>;

const REGION_ROLES = new Set(['recommender', 'official']);

/**
 * A jurisdiction is a current Zhejiang code: recommenders act at county or city level (属地推荐);
 * officials may be provincial, or of a city or county.
 */
function jurisdictionOf(role: string, input: string): string {
  const result = validateRegionCode(input, role === 'recommender' ? { levels: ['county', 'city'] } : {});
  if (!result.ok)
    throw badRequest('invalid_region_code', result.message, [
      { field: 'regionCode', code: 'invalid_region_code', message: result.message },
    ]);
  return result.region.code;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(
    actor: Actor,
    meta: RequestMeta,
    dto: CreateUserDto,
    opts: { mustChangePassword?: boolean } = {},
  ): Promise<PublicUser> {
    assertPasswordPolicy(dto.password);
    if (REGION_ROLES.has(dto.role) !== !!dto.regionCode) {
      throw badRequest(
        'region_code_mismatch',
        REGION_ROLES.has(dto.role)
          ? '推荐单位和省级主管部门账号必须填写管辖区域代码（regionCode）'
          : '该角色不应填写管辖区域代码（regionCode）',
        [{ field: 'regionCode', code: 'region_code_mismatch', message: '管辖区域代码与角色不匹配' }],
      );
    }
    const regionCode = dto.regionCode ? jurisdictionOf(dto.role, dto.regionCode) : null;
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction((em) => this.insertUser(em, actor, meta, dto, regionCode, passwordHash, opts));
  }

  /**
   * The same account creation inside the caller's transaction, for contexts that create an account
   * together with their own record (an expert and its profile commit or roll back together).
   * Only roles without a jurisdiction.
   */
  async createIn(
    em: EntityManager,
    actor: Actor,
    meta: RequestMeta,
    dto: Omit<CreateUserDto, 'regionCode'> & { role: 'expert' | 'enterprise' },
    opts: { mustChangePassword?: boolean } = {},
  ): Promise<PublicUser> {
    assertPasswordPolicy(dto.password);
    return this.insertUser(em, actor, meta, dto, null, await hashPassword(dto.password), opts);
  }

  private async insertUser(
    em: EntityManager,
    actor: Actor,
    meta: RequestMeta,
    dto: Omit<CreateUserDto, 'regionCode'>,
    regionCode: string | null,
    passwordHash: string,
    opts: { mustChangePassword?: boolean },
  ): Promise<PublicUser> {
    await this.assertUsernameFree(em, dto.username);
    const user = await em.save(
      em.create(User, {
        username: dto.username,
        displayName: dto.displayName,
        passwordHash,
        role: dto.role,
        regionCode,
        enterpriseId: null,
        passwordChangedAt: new Date(),
        mustChangePassword: opts.mustChangePassword ?? actor !== SYSTEM_ACTOR,
      }),
    );
    const view = publicUser(user);
    await this.audit.record(em, actor, meta, {
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      after: view,
    });
    return view;
  }

  /** Public sign-up: only ever an enterprise account, with no enterprise bound yet. */
  async registerEnterpriseUser(meta: RequestMeta, dto: RegisterEnterpriseUserDto): Promise<PublicUser> {
    assertPasswordPolicy(dto.password);
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (em) => {
      await this.assertUsernameFree(em, dto.username);
      const user = await em.save(
        em.create(User, {
          username: dto.username,
          displayName: dto.displayName,
          passwordHash,
          role: 'enterprise',
          regionCode: null,
          enterpriseId: null,
          passwordChangedAt: new Date(),
          mustChangePassword: false,
        }),
      );
      const view = publicUser(user);
      await this.audit.record(em, { userId: user.id, role: 'enterprise', enterpriseId: null, regionCode: null }, meta, {
        action: 'user.registered',
        entityType: 'user',
        entityId: user.id,
        after: view,
      });
      return view;
    });
  }

  private async assertUsernameFree(em: EntityManager, username: string) {
    const taken = await em
      .getRepository(User)
      .createQueryBuilder('u')
      .where('lower(u.username) = lower(:username)', { username })
      .getExists();
    if (taken) throw conflict('username_taken', `用户名“${username}”已被使用`);
  }

  async list(page: number, pageSize: number): Promise<Page<PublicUser>> {
    const [rows, total] = await this.dataSource.getRepository(User).findAndCount({
      order: { createdAt: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(publicUser), total, page, pageSize };
  }

  async get(id: string): Promise<PublicUser> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { id } });
    if (!user) throw notFound('用户');
    return publicUser(user);
  }

  async update(actor: Actor, meta: RequestMeta, id: string, dto: UpdateUserDto): Promise<PublicUser> {
    return this.dataSource.transaction(async (em) => {
      const user = await em.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('用户');
      if (id === actor.userId && dto.active === false) throw badRequest('cannot_deactivate_self', '不能停用自己的账号');
      const before = publicUser(user);
      Object.assign(user, dto);
      const saved = await em.save(user);
      if (dto.active === false) {
        await em.update(
          Session,
          { userId: id, revokedAt: IsNull() },
          { revokedAt: new Date(), revokedReason: 'deactivated' },
        );
      }
      const after = publicUser(saved);
      await this.audit.record(em, actor, meta, {
        action: 'user.updated',
        entityType: 'user',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  /** Binds an enterprise account to the enterprise it registered, inside the caller's transaction. */
  async bindEnterprise(
    em: EntityManager,
    actor: Actor,
    meta: RequestMeta,
    userId: string,
    enterpriseId: string,
  ): Promise<void> {
    const result = await em.update(User, { id: userId, role: 'enterprise', enterpriseId: IsNull() }, { enterpriseId });
    if (!result.affected) throw conflict('enterprise_already_bound', '该账号已关联企业，一个企业账号只能关联一家企业');
    await this.audit.record(em, actor, meta, {
      action: 'user.enterprise_bound',
      entityType: 'user',
      entityId: userId,
      before: { enterpriseId: null },
      after: { enterpriseId },
    });
  }

  /**
   * The first admin. From ADMIN_USERNAME / ADMIN_PASSWORD when given; in embedded mode a random
   * one-time password is generated and returned for printing. Never a default credential.
   */
  async seedAdmin(opts: {
    username?: string;
    password?: string;
    generate: boolean;
  }): Promise<{ created: boolean; username: string; oneTimePassword?: string }> {
    const username = opts.username ?? 'admin';
    if (opts.password) {
      try {
        assertPasswordPolicy(opts.password, 'ADMIN_PASSWORD');
      } catch (e) {
        // Start-up stops here: say which setting is at fault, not only the rule.
        throw new Error(`环境变量 ADMIN_PASSWORD 不符合密码规则：${(e as Error).message}`);
      }
    }
    const exists = await this.dataSource.getRepository(User).exists({ where: { role: 'admin' } });
    if (exists) return { created: false, username };
    if (!opts.password && !opts.generate) return { created: false, username };
    const oneTimePassword = opts.password ? undefined : `Ff-${randomBytes(9).toString('base64url')}9`;
    await this.create(
      SYSTEM_ACTOR,
      {},
      { username, displayName: '系统管理员', password: opts.password ?? oneTimePassword!, role: 'admin' },
      { mustChangePassword: !opts.password },
    );
    return { created: true, username, oneTimePassword };
  }
}
