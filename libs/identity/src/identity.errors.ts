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
});
