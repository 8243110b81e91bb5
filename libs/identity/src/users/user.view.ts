import { ApiProperty } from '@nestjs/swagger';
import { ROLES, ROLE_NAMES, Role } from '@ff/core';
import { findRegion } from '@ff/regions';
import type { PublicUser } from './users.service';

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
  @ApiProperty({ format: 'date-time', description: '创建时间（UTC）' }) createdAt: Date;
}

export function toUserView(u: PublicUser): UserView {
  return {
    ...u,
    roleName: ROLE_NAMES[u.role],
    regionName: u.regionCode ? (findRegion(u.regionCode)?.name ?? null) : null,
  };
}
