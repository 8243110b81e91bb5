import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ description: '用户名', example: 'admin' })
  @IsString()
  @Length(1, 64)
  username: string;

  @ApiProperty({ description: '密码' })
  @IsString()
  @Length(1, 128)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: '刷新令牌（登录时返回）' })
  @IsString()
  @MaxLength(200)
  refreshToken: string;
}

export class ChangePasswordDto {
  @ApiProperty({ description: '当前密码' })
  @IsString()
  @Length(1, 128)
  currentPassword: string;

  @ApiProperty({ description: '新密码：8至128个字符，至少包含大写字母、小写字母、数字、其他字符中的三类' })
  @IsString()
  @Length(1, 128)
  newPassword: string;
}

/** The tokens a login or refresh answers with. */
export class TokenPairView {
  @ApiProperty({ description: '访问令牌（Bearer）' }) accessToken: string;
  @ApiProperty({ description: '刷新令牌（一次性）' }) refreshToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: string;
  @ApiProperty({ type: 'integer', description: '访问令牌有效期（秒）', example: 900 }) expiresIn: number;
  @ApiProperty({ description: '是否须先修改初始密码' }) mustChangePassword: boolean;
}
