import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, ROLE_NAMES, Role } from '@ff/core';
import { findRegion } from '@ff/regions';
import type { User } from '../entities/user.entity';

/** An account as the API shows it: never the password hash. */
export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'hz-tuijian' }) username: string;
  @ApiProperty({ description: '姓名或单位名称' }) displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ description: '角色名称', example: '属地推荐单位' }) roleName: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: '企业账号关联的企业' })
  enterpriseId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: '管辖区域代码', example: '330100' })
  regionCode: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: '管辖区域名称', example: '杭州市' })
  regionName: string | null;
  @ApiProperty({ description: '是否启用' }) active: boolean;
  @ApiProperty({ description: '下次登录须修改密码' }) mustChangePassword: boolean;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'date-time',
    description: '整个账号被锁定至（UTC）；未锁定为 null',
  })
  lockedUntil: string | null;
  @ApiProperty({ description: '当前被锁定的网络地址数（同一地址密码错误次数过多）' }) lockedAddresses: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class UserPageView {
  @ApiProperty({ type: [UserView] }) items: UserView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class OneTimePasswordView {
  @ApiProperty({ type: UserView }) user: UserView;
  @ApiProperty({ description: '一次性密码：仅此一次返回，请当面或经安全渠道交给用户；用户登录后须立即修改' })
  oneTimePassword: string;
}

/** Lock facts kept outside the users row (per-address locks), looked up beside it. */
export interface LockFacts {
  lockedAddresses: number;
}

export function toUserView(u: User, locks: LockFacts = { lockedAddresses: 0 }): UserView {
  const now = Date.now();
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
    lockedUntil: u.lockedUntil && u.lockedUntil.getTime() > now ? u.lockedUntil.toISOString() : null,
    lockedAddresses: locks.lockedAddresses,
    createdAt: u.createdAt.toISOString(),
  };
}
