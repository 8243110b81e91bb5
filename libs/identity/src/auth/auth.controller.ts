import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiAuthErrors, ApiErrors } from '@ff/core';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Actor, RequestMeta } from '@ff/core';
import { ChangePasswordDto, LoginDto, RefreshDto, TokenPairView } from '../dto/auth.dto';
import { RegisterEnterpriseUserDto } from '../dto/user.dto';
import { UserView, toUserView } from '../users/user.view';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import { CurrentActor, Public, ReqMeta } from './decorators';

/** Auth endpoints are rate limited per client IP (AUTH_RATE_LIMIT_PER_MINUTE). */
@ApiTags('认证')
@Controller('auth')
@UseGuards(ThrottlerGuard)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: '登录',
    operationId: 'login',
    description:
      '连续多次密码错误后账号暂时锁定（默认5次、10分钟，见 LOGIN_MAX_FAILURES / LOGIN_LOCK_SECONDS）；按IP限流。',
  })
  @ApiOkResponse({ type: TokenPairView })
  @ApiErrors(400, 401, 423, 429)
  login(@Body() dto: LoginDto, @ReqMeta() meta: RequestMeta) {
    return this.auth.login(dto.username, dto.password, meta);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'refreshToken',
    summary: '刷新访问令牌',
    description: '刷新令牌一次性使用；重复使用旧令牌将注销该登录。',
  })
  @ApiOkResponse({ type: TokenPairView })
  @ApiErrors(400, 401, 429)
  refresh(@Body() dto: RefreshDto, @ReqMeta() meta: RequestMeta) {
    return this.auth.refresh(dto.refreshToken, meta);
  }

  @Public()
  @Post('register')
  @ApiOperation({
    operationId: 'registerEnterpriseUser',
    summary: '企业用户注册',
    description: '仅可注册企业角色账号；注册后登录并登记企业信息。',
  })
  @ApiCreatedResponse({ type: UserView })
  @ApiErrors(400, 409, 429)
  async register(@Body() dto: RegisterEnterpriseUserDto, @ReqMeta() meta: RequestMeta): Promise<UserView> {
    return toUserView(await this.users.registerEnterpriseUser(meta, dto));
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ operationId: 'logout', summary: '退出登录（注销当前会话）' })
  @ApiNoContentResponse({ description: '已注销' })
  @ApiAuthErrors()
  async logout(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta) {
    await this.auth.logout(actor, meta);
  }

  @ApiBearerAuth()
  @Post('password')
  @HttpCode(204)
  @ApiOperation({ operationId: 'changePassword', summary: '修改密码', description: '修改后所有会话失效，须重新登录。' })
  @ApiNoContentResponse({ description: '已修改' })
  @ApiAuthErrors()
  @ApiErrors(400, 423, 429)
  async changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto, @ReqMeta() meta: RequestMeta) {
    await this.auth.changePassword(actor, dto.currentPassword, dto.newPassword, meta);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ operationId: 'getCurrentUser', summary: '当前用户' })
  @ApiOkResponse({ type: UserView })
  @ApiAuthErrors()
  async me(@CurrentActor() actor: Actor): Promise<UserView> {
    return toUserView(await this.users.get(actor.userId));
  }
}
