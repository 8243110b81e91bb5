import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery, ROLES, Role } from '@ff/core';

export const USER_STATUSES = ['active', 'inactive', 'locked'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** The roles an admin may give or take: enterprise accounts are self-registered and bound to an enterprise. */
export const ASSIGNABLE_ROLES = ROLES.filter((r) => r !== 'enterprise');

export class UserListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES, description: '角色' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({
    description: '管辖区域：省、市或区县代码，含其下级（如 330100 含杭州市各区县的账号）',
    example: '330100',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/)
  regionCode?: string;

  @ApiPropertyOptional({
    enum: USER_STATUSES,
    description: '状态：active 启用，inactive 停用，locked 因密码错误被锁定（整个账号或某一网络地址）',
  })
  @IsOptional()
  @IsIn(USER_STATUSES)
  status?: UserStatus;

  @ApiPropertyOptional({ description: '按用户名或姓名（单位名称）搜索' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: ASSIGNABLE_ROLES, description: '新角色（企业角色不可授予或收回）' })
  @IsIn(ASSIGNABLE_ROLES)
  role: Role;

  @ApiPropertyOptional({
    description: '管辖区域代码：推荐单位必填（市或区县）；省级主管部门只能为 330000（可省略）；其他角色不填',
    example: '330100',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/)
  regionCode?: string;
}
