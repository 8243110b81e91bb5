/** Who is acting, as established by the auth guard; every service call that reads or writes takes one. */
export const ROLES = ['enterprise', 'recommender', 'expert', 'official', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  enterprise: '申报企业',
  recommender: '属地推荐单位',
  expert: '评审专家',
  official: '省级主管部门',
  admin: '系统管理员',
};

export interface Actor {
  userId: string;
  role: Role;
  /** Set for enterprise users: the one enterprise they act for. */
  enterpriseId: string | null;
  /** Set for recommenders and officials: their jurisdiction (行政区划代码). */
  regionCode: string | null;
  sessionId?: string;
  /** A first login with a one-time password may do nothing but change it. */
  mustChangePassword?: boolean;
}

/** Request facts the audit log records next to the actor. */
export interface RequestMeta {
  requestId?: string;
  ip?: string;
}

/** The system itself (worker jobs, start-up seed) acting without a human user. */
export const SYSTEM_ACTOR: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  role: 'admin',
  enterpriseId: null,
  regionCode: null,
};
export const isSystemActor = (actor: Actor) => actor.userId === SYSTEM_ACTOR.userId;
