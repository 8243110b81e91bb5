import { ApiProperty } from '@nestjs/swagger';
import { ROLES, ROLE_NAMES, Role } from '@ff/core';
import { findRegion } from '@ff/regions';
import type { User } from '../entities/user.entity';

/** A user as the API shows it: never the password hash; role and jurisdiction with Chinese names. */
export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '用户名', example: 'hz_county01' }) username: string;
  @ApiProperty({ description: '姓名或单位名称' }) displayName: string;
  @ApiProperty({ enum: ROLES, description: '角色' }) role: Role;
  @ApiProperty({ description: '角色（中文）', example: '属地推荐单位' }) roleName: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '所属企业（企业用户）' })
  enterpriseId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '管辖区域行政区划代码', example: '330106' })
  regionCode: string | null;
  @ApiProperty({ type: String, nullable: true, description: '管辖区域名称', example: '西湖区' })
  regionName: string | null;
  @ApiProperty({ description: '是否启用' }) active: boolean;
  @ApiProperty({ description: '是否须先修改初始密码' }) mustChangePassword: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: '整个账号因密码错误被锁定至（UTC）；未锁定为 null',
  })
  lockedUntil: Date | null;
  @ApiProperty({ type: 'integer', description: '当前被锁定的网络地址数（同一地址密码错误次数过多）', example: 0 })
  lockedAddresses: number;
  @ApiProperty({ format: 'date-time', description: '创建时间（UTC）' }) createdAt: Date;
}

/** A password reset's answer: the one-time password is shown here and never again. */
export class OneTimePasswordView {
  @ApiProperty({ type: UserView }) user: UserView;
  @ApiProperty({
    description: '一次性密码：仅此一次返回，请经安全渠道交给用户；用户登录后须立即修改',
    example: 'FfX3kq9ZpR2mT7!k',
  })
  oneTimePassword: string;
}

/** Lock facts kept outside the users row (per-address locks), looked up beside it. */
export interface LockFacts {
  lockedAddresses: number;
}

export function toUserView(u: User, locks: LockFacts = { lockedAddresses: 0 }): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    roleName: ROLE_NAMES[u.role],
    enterpriseId: u.enterpriseId,
    regionCode: u.regionCode,
    regionName: u.regionCode ? (findRegion(u.regionCode)?.name ?? null) : null,
    active: u.active,
    mustChangePassword: u.mustChangePassword,
    lockedUntil: u.lockedUntil && u.lockedUntil.getTime() > Date.now() ? u.lockedUntil : null,
    lockedAddresses: locks.lockedAddresses,
    createdAt: u.createdAt,
  };
}
