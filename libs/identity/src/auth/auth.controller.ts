import { applyDecorators, Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiAuthErrors, ApiErrors } from '@ff/core';
import type { Actor, RequestMeta } from '@ff/core';
import { ChangePasswordDto, LoginDto, RefreshDto, TokenPairView } from '../dto/auth.dto';
import { RegisterEnterpriseUserDto } from '../dto/user.dto';
import { UserView } from '../users/user.view';
import { UsersService } from '../users/users.service';
import { AuthRateLimitGuard } from './auth-rate-limit.guard';
import { AuthService } from './auth.service';
import { CurrentActor, Public, ReqMeta } from './decorators';

/**
 * Login, refresh, register and password change draw on one rate limit per client address
 * (AUTH_RATE_LIMIT_PER_MINUTE); 429 carries a standard Retry-After.
 */
const RateLimited = () => applyDecorators(UseGuards(AuthRateLimitGuard), ApiErrors(429));

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
    operationId: 'login',
    description:
      '同一网络地址连续5次密码错误后，该账号在该地址锁定10分钟（LOGIN_MAX_FAILURES / LOGIN_LOCK_SECONDS）；' +
      '各地址累计连续50次错误后整个账号锁定（LOGIN_ACCOUNT_MAX_FAILURES），管理员可解除。' +
      '管辖区域配置有误的省级主管部门账号不能登录（403 official_misconfigured）。',
  })
  @ApiOkResponse({ type: TokenPairView })
  @ApiErrors(400, 401, 403, 423)
  login(@Body() dto: LoginDto, @ReqMeta() meta: RequestMeta) {
    return this.auth.login(dto.username, dto.password, meta);
  }

  @Public()
  @Post('refresh')
  @RateLimited()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'refreshToken',
    summary: '刷新访问令牌',
    description: '刷新令牌一次性使用；重复使用旧令牌将注销该登录。',
  })
  @ApiOkResponse({ type: TokenPairView })
  @ApiErrors(400, 401)
  refresh(@Body() dto: RefreshDto, @ReqMeta() meta: RequestMeta) {
    return this.auth.refresh(dto.refreshToken, meta);
  }

  @Public()
  @Post('register')
  @RateLimited()
  @ApiOperation({
    operationId: 'registerEnterpriseUser',
    summary: '企业用户注册',
    description: '仅可注册企业角色账号；注册后登录并登记企业信息。',
  })
  @ApiCreatedResponse({ type: UserView })
  @ApiErrors(400, 409)
  async register(@Body() dto: RegisterEnterpriseUserDto, @ReqMeta() meta: RequestMeta): Promise<UserView> {
    const created = await this.users.registerEnterpriseUser(meta, dto);
    return this.users.get(created.id);
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ operationId: 'logout', summary: '退出登录（注销当前会话）' })
  @ApiNoContentResponse({ description: '已退出' })
  @ApiAuthErrors()
  async logout(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta) {
    await this.auth.logout(actor, meta);
  }

  @ApiBearerAuth()
  @Post('password')
  @RateLimited()
  @HttpCode(204)
  @ApiOperation({
    operationId: 'changePassword',
    summary: '修改密码',
    description: '修改后所有会话失效，须重新登录。当前密码错误计入锁定次数，达到上限即锁定并注销全部会话（423）。',
  })
  @ApiNoContentResponse({ description: '已修改' })
  @ApiAuthErrors()
  @ApiErrors(400, 423)
  async changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto, @ReqMeta() meta: RequestMeta) {
    await this.auth.changePassword(actor, dto.currentPassword, dto.newPassword, meta);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ operationId: 'getCurrentUser', summary: '当前用户' })
  @ApiOkResponse({ type: UserView })
  @ApiAuthErrors()
  async me(@CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.get(actor.userId);
  }
}
