import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, IdPipe, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '../auth/decorators';
import { CreateUserDto, UpdateUserDto } from '../dto/user.dto';
import { ChangeRoleDto, UserListQuery } from '../dto/user-admin.dto';
import { OneTimePasswordView, UserPageView, UserView } from '../dto/user.view';
import { UserAdminService } from './user-admin.service';
import { UsersService } from './users.service';

/** Account administration: admins only (the guard checks the role; every change is audited). */
@ApiTags('用户管理')
@ApiBearerAuth()
@Roles('admin')
@ApiForbiddenResponse({ description: '非管理员（forbidden）' })
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly admin: UserAdminService,
  ) {}

  @Post()
  @ApiOperation({
    operationId: 'createUser',
    summary: '创建用户（管理员）',
    description: '新用户首次登录须修改初始密码。省级主管部门账号的管辖区域只能是浙江省（330000，可省略）。',
  })
  @ApiCreatedResponse({ type: UserView })
  @ApiBadRequestResponse({ description: '密码强度不足、管辖区域与角色不符（official_not_provincial 等）' })
  @ApiConflictResponse({ description: '用户名已被使用（username_taken）' })
  async create(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Body() dto: CreateUserDto) {
    const created = await this.users.create(actor, meta, dto);
    return this.users.get(created.id);
  }

  @Get()
  @ApiOperation({ operationId: 'listUsers', summary: '查询用户（管理员）：按角色、管辖区域、状态、用户名或姓名' })
  @ApiOkResponse({ type: UserPageView })
  list(@Query() q: UserListQuery) {
    return this.users.list(q);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getUser', summary: '用户详情（管理员）' })
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ description: '用户不存在' })
  get(@Param('id', IdPipe) id: string) {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    operationId: 'updateUser',
    summary: '启用/停用用户、修改名称（管理员）',
    description: '停用即注销其全部会话；不能停用自己或唯一启用的管理员。',
  })
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ description: '用户不存在' })
  @ApiConflictResponse({ description: '唯一启用的管理员（last_admin）' })
  update(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateUserDto,
  ) {
    return this.users.update(actor, meta, id, dto);
  }

  @Post(':id/password-reset')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'resetUserPassword',
    summary: '重置用户密码（管理员）',
    description: '生成一次性密码（仅在此响应中返回一次），用户下次登录须先修改；同时解除锁定并注销其全部会话。',
  })
  @ApiOkResponse({ type: OneTimePasswordView })
  @ApiNotFoundResponse({ description: '用户不存在' })
  resetPassword(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.admin.resetPassword(actor, meta, id);
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'unlockUser',
    summary: '解除锁定（管理员）',
    description: '解除账号锁定及各网络地址上的锁定，清零错误次数；会话不受影响。',
  })
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ description: '用户不存在' })
  unlock(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.admin.unlock(actor, meta, id);
  }

  @Put(':id/role')
  @ApiOperation({
    operationId: 'changeUserRole',
    summary: '修改角色或管辖区域（管理员）',
    description:
      '规则同创建：推荐单位为市或区县，省级主管部门只能为浙江省（330000）。企业账号不可改角色，也不可改为企业角色；' +
      '不能修改自己，也不能把唯一启用的管理员改为其他角色。修改后该用户全部会话注销。',
  })
  @ApiOkResponse({ type: UserView })
  @ApiBadRequestResponse({
    description:
      '管辖区域与角色不符（official_not_provincial、region_code_mismatch）、role_not_assignable、cannot_change_own_role',
  })
  @ApiNotFoundResponse({ description: '用户不存在' })
  @ApiConflictResponse({ description: '唯一启用的管理员（last_admin）' })
  changeRole(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: ChangeRoleDto,
  ) {
    return this.admin.changeRole(actor, meta, id, dto);
  }
}
