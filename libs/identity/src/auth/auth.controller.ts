import { applyDecorators, Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor, RequestMeta } from '@ff/core';
import { ChangePasswordDto, LoginDto, RefreshDto, TokenPairDto } from '../dto/auth.dto';
import { RegisterEnterpriseUserDto } from '../dto/user.dto';
import { UserView } from '../dto/user.view';
import { UsersService } from '../users/users.service';
import { AuthRateLimitGuard } from './auth-rate-limit.guard';
import { AuthService } from './auth.service';
import { CurrentActor, Public, ReqMeta } from './decorators';

/** Login, refresh, register and password change share one rate limit per client address. */
const RateLimited = () =>
  applyDecorators(
    UseGuards(AuthRateLimitGuard),
    ApiTooManyRequestsResponse({
      description:
        '登录、刷新令牌、注册、修改密码共用每个IP的频率限制（too_many_requests），Retry-After 头给出等待秒数',
      headers: { 'Retry-After': { description: '需等待的秒数', schema: { type: 'integer' } } },
    }),
  );

@ApiTags('认证')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Post('login')
  @RateLimited()
  @HttpCode(200)
  @ApiOperation({
    summary: '登录',
    description:
      '同一网络地址连续5次密码错误后，该账号在该地址锁定10分钟（LOGIN_MAX_FAILURES / LOGIN_LOCK_SECONDS）；' +
      '各地址累计连续50次错误后整个账号锁定（LOGIN_ACCOUNT_MAX_FAILURES）。管理员可解除锁定。',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ description: '用户名或密码错误（invalid_credentials）' })
  @ApiForbiddenResponse({ description: '省级主管部门账号管辖区域配置有误（official_misconfigured）' })
  @ApiResponse({ status: 423, description: '账号已锁定（account_locked），消息说明需等待的分钟数' })
  login(@Body() dto: LoginDto, @ReqMeta() meta: RequestMeta) {
    return this.auth.login(dto.username, dto.password, meta);
  }

  @Public()
  @Post('refresh')
  @RateLimited()
  @HttpCode(200)
  @ApiOperation({ summary: '刷新访问令牌', description: '刷新令牌一次性使用；重复使用旧令牌将注销该登录。' })
  @ApiOkResponse({ type: TokenPairDto })
  refresh(@Body() dto: RefreshDto, @ReqMeta() meta: RequestMeta) {
    return this.auth.refresh(dto.refreshToken, meta);
  }

  @Public()
  @Post('register')
  @RateLimited()
  @ApiOperation({ summary: '企业用户注册', description: '仅可注册企业角色账号；注册后登录并登记企业信息。' })
  @ApiCreatedResponse({ type: UserView })
  async register(@Body() dto: RegisterEnterpriseUserDto, @ReqMeta() meta: RequestMeta) {
    const created = await this.users.registerEnterpriseUser(meta, dto);
    return this.users.get(created.id);
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: '退出登录（注销当前会话）' })
  async logout(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta) {
    await this.auth.logout(actor, meta);
  }

  @ApiBearerAuth()
  @Post('password')
  @RateLimited()
  @HttpCode(204)
  @ApiOperation({ summary: '修改密码', description: '修改后所有会话失效，须重新登录。当前密码错误计入锁定次数。' })
  @ApiResponse({ status: 204, description: '已修改' })
  @ApiResponse({ status: 423, description: '当前密码错误次数过多，已锁定并注销全部会话（account_locked）' })
  async changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto, @ReqMeta() meta: RequestMeta) {
    await this.auth.changePassword(actor, dto.currentPassword, dto.newPassword, meta);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: '当前用户' })
  @ApiOkResponse({ type: UserView })
  me(@CurrentActor() actor: Actor) {
    return this.users.get(actor.userId);
  }
}
