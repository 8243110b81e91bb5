import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ROLES, Role } from '@ff/core';

export class CreateUserDto {
  @ApiProperty({ description: '用户名（3至64位字母、数字、下划线、点或连字符）' })
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{3,64}$/)
  username: string;

  @ApiProperty({ description: '姓名或单位名称' })
  @IsString()
  @Length(1, 100)
  displayName: string;

  @ApiProperty({ description: '初始密码' })
  @IsString()
  @Length(1, 128)
  password: string;

  @ApiProperty({ enum: ROLES, description: '角色' })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({
    description: '管辖区域行政区划代码：浙江省现行代码，推荐单位与主管部门账号必填（推荐单位为区县级或市级）',
    example: '330100',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/)
  regionCode?: string;
}

export class RegisterEnterpriseUserDto {
  @ApiProperty({ description: '用户名（3至64位字母、数字、下划线、点或连字符）' })
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{3,64}$/)
  username: string;

  @ApiProperty({ description: '联系人姓名' })
  @IsString()
  @Length(1, 100)
  displayName: string;

  @ApiProperty({ description: '密码' })
  @IsString()
  @Length(1, 128)
  password: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ description: '是否启用' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: '姓名或单位名称' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  displayName?: string;
}
