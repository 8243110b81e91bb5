import { defineErrors } from '@ff/core';

/** Errors of accounts, sign-in, rate limiting and user administration. */
export const IdentityErrors = defineErrors('identity', {
  official_not_provincial: {
    status: 400,
    message: (code: string) =>
      `省级主管部门账号的管辖区域只能是浙江省（330000），不能为“${code}”；市、县两级请使用属地推荐单位账号`,
  },
  official_misconfigured: {
    status: 403,
    message: () => '该省级主管部门账号的管辖区域不是浙江省（330000），已停止使用，请联系系统管理员调整管辖区域',
  },
  too_many_requests: {
    status: 429,
    message: (seconds: number) => `请求过于频繁，请 ${seconds} 秒后再试`,
  },
  role_not_assignable: {
    status: 400,
    message: () => '企业账号由企业自行注册并关联企业，不能改为其他角色，其他账号也不能改为企业角色',
  },
  cannot_change_own_role: {
    status: 400,
    message: () => '不能修改自己的角色或管辖区域，请由其他管理员操作',
  },
  last_admin: {
    status: 409,
    message: () => '这是唯一启用的系统管理员账号，不能停用或改为其他角色',
  },
  not_an_admin: {
    status: 400,
    message: (username: string) =>
      `“${username}”不是管理员账号：命令行仅用于恢复管理员，其他账号请由管理员在系统中重置密码`,
  },
  user_not_found: {
    status: 404,
    message: (username: string) => `用户“${username}”不存在`,
  },
  username_taken: { status: 409, message: (username: string) => `用户名“${username}”已被使用` },
  cannot_deactivate_self: { status: 400, message: () => '不能停用自己的账号' },
  /** An enterprise account acts for one enterprise: binding (or registering) a second one is refused. */
  enterprise_already_bound: { status: 409, message: () => '该账号已关联企业，一个企业账号只能关联一家企业' },
  region_code_mismatch: {
    status: 400,
    message: (required: boolean) =>
      required ? '推荐单位账号必须填写管辖区域代码（regionCode）' : '该角色不应填写管辖区域代码（regionCode）',
  },
  invalid_credentials: { status: 401, message: () => '用户名或密码错误' },
  wrong_current_password: { status: 400, message: () => '当前密码不正确' },
  password_unchanged: { status: 400, message: () => '新密码不能与当前密码相同' },
  weak_password: {
    status: 400,
    message: () => '密码应为8至128个字符，且至少包含大写字母、小写字母、数字、其他字符中的三类',
  },
  password_change_required: { status: 403, message: () => '首次登录请先修改初始密码' },
  account_locked: {
    status: 423,
    message: (minutes: number, scope: 'client' | 'account') =>
      scope === 'client'
        ? `密码错误次数过多，该账号在当前网络地址已暂时锁定，请 ${minutes} 分钟后再试`
        : `密码错误次数过多，账号已锁定，请 ${minutes} 分钟后再试或联系系统管理员解锁`,
  },
});
