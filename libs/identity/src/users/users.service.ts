import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Actor, RequestMeta, SYSTEM_ACTOR, emptyPage, notFound, Page } from '@ff/core';
import { IdentityErrors } from '../identity.errors';
import { AuditService } from '@ff/audit';
import { containsPattern, pageOf } from '@ff/database';
import { findRegion } from '@ff/regions';
import { Session } from '../entities/session.entity';
import { User, publicUser } from '../entities/user.entity';
import { assertPasswordPolicy, hashPassword } from '../auth/password';
import { CreateUserDto, RegisterEnterpriseUserDto, UpdateUserDto } from '../dto/user.dto';
import { UserListQuery } from '../dto/user-admin.dto';
import { UserView, toUserView } from './user.view';
import { assertNotLastAdmin } from './last-admin';
import { jurisdictionFor } from './jurisdiction';

export type PublicUser = ReturnType<typeof publicUser>;

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
    const regionCode = jurisdictionFor(dto.role, dto.regionCode);
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
    if (taken) throw IdentityErrors.raise('username_taken', username);
  }

  /** The admin's search: by role, jurisdiction (a code covers the codes below it), status and name. */
  async list(query: UserListQuery): Promise<Page<UserView>> {
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u');
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.regionCode) {
      const region = findRegion(query.regionCode);
      if (!region) return emptyPage(query);
      const prefix =
        region.level === 'province'
          ? region.code.slice(0, 2)
          : region.level === 'city'
            ? region.code.slice(0, 4)
            : region.code;
      qb.andWhere('u.region_code LIKE :prefix', { prefix: `${prefix}%` });
    }
    if (query.status === 'active') qb.andWhere('u.active');
    if (query.status === 'inactive') qb.andWhere('NOT u.active');
    if (query.status === 'locked')
      qb.andWhere(
        `(u.locked_until > now() OR EXISTS (SELECT 1 FROM login_failures f
           WHERE f.username = lower(u.username) AND f.locked_until > now()))`,
      );
    if (query.q) qb.andWhere(`(u.username ILIKE :q OR u.display_name ILIKE :q)`, { q: containsPattern(query.q) });
    const page = await pageOf(qb.orderBy('u.created_at', 'ASC').addOrderBy('u.id', 'ASC'), query);
    return { ...page, items: await this.views(this.dataSource.manager, page.items) };
  }

  /** The active accounts acting for an enterprise: whom a message to the enterprise goes to. */
  async activeIdsOfEnterprise(enterpriseId: string, em: EntityManager = this.dataSource.manager): Promise<string[]> {
    const users = await em.find(User, { where: { enterpriseId, active: true }, order: { createdAt: 'ASC' } });
    return users.map((u) => u.id);
  }

  async get(id: string): Promise<UserView> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { id } });
    if (!user) throw notFound('用户');
    return (await this.views(this.dataSource.manager, [user]))[0];
  }

  /** Views with their per-address locks, in one query for the page. */
  async views(em: EntityManager, users: User[]): Promise<UserView[]> {
    if (!users.length) return [];
    const rows: { username: string; n: number }[] = await em.query(
      `SELECT username, count(*)::int AS n FROM login_failures
        WHERE username = ANY($1) AND locked_until > now() GROUP BY username`,
      [users.map((u) => u.username.toLowerCase())],
    );
    const locked = new Map(rows.map((r) => [r.username, r.n]));
    return users.map((u) => toUserView(u, { lockedAddresses: locked.get(u.username.toLowerCase()) ?? 0 }));
  }

  async update(actor: Actor, meta: RequestMeta, id: string, dto: UpdateUserDto): Promise<UserView> {
    return this.dataSource.transaction(async (em) => {
      const user = await em.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('用户');
      if (id === actor.userId && dto.active === false) throw IdentityErrors.field('cannot_deactivate_self', 'active');
      if (dto.active === false && user.role === 'admin') await assertNotLastAdmin(em, id);
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
      await this.audit.record(em, actor, meta, {
        action: 'user.updated',
        entityType: 'user',
        entityId: id,
        before,
        after: publicUser(saved),
      });
      return (await this.views(em, [saved]))[0];
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
    if (!result.affected) throw IdentityErrors.raise('enterprise_already_bound');
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
