import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiAuthErrors, ApiErrors, IdPipe, PageOf, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '../auth/decorators';
import { CreateUserDto, UpdateUserDto } from '../dto/user.dto';
import { ChangeRoleDto, UserListQuery } from '../dto/user-admin.dto';
import { UserAdminService } from './user-admin.service';
import { OneTimePasswordView, UserView } from './user.view';
import { UsersService } from './users.service';

/** Account administration: admins only (the guard checks the role; every change is audited). */
@ApiTags('用户管理')
@ApiBearerAuth()
@ApiAuthErrors()
@Roles('admin')
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
    description:
      '新用户首次登录须修改初始密码。省级主管部门账号的管辖区域只能是浙江省（330000，可省略）；' +
      '市、县两级使用属地推荐单位账号（official_not_provincial）。',
  })
  @ApiCreatedResponse({ type: UserView })
  @ApiErrors(400, 409)
  async create(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Body() dto: CreateUserDto,
  ): Promise<UserView> {
    const created = await this.users.create(actor, meta, dto);
    return this.users.get(created.id);
  }

  @Get()
  @ApiOperation({
    operationId: 'listUsers',
    summary: '查询用户（管理员）',
    description: '按角色、管辖区域（市含其区县）、状态（启用、停用、锁定）和用户名或姓名查询。',
  })
  @ApiOkResponse({ type: PageOf(UserView) })
  @ApiErrors(400)
  list(@Query() q: UserListQuery) {
    return this.users.list(q);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getUser', summary: '用户详情（管理员）' })
  @ApiOkResponse({ type: UserView })
  @ApiErrors(400, 404)
  get(@Param('id', IdPipe) id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    operationId: 'updateUser',
    summary: '启用/停用用户、修改名称（管理员）',
    description: '停用即注销其全部会话；不能停用自己，也不能停用唯一启用的管理员（last_admin）。',
  })
  @ApiOkResponse({ type: UserView })
  @ApiErrors(400, 404, 409)
  update(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserView> {
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
  @ApiErrors(400, 404)
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
  @ApiErrors(400, 404)
  unlock(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.admin.unlock(actor, meta, id);
  }

  @Put(':id/role')
  @ApiOperation({
    operationId: 'changeUserRole',
    summary: '修改角色或管辖区域（管理员）',
    description:
      '规则同创建：推荐单位为市或区县，省级主管部门只能为浙江省（330000）。企业账号不可改角色，也不可改为企业角色' +
      '（role_not_assignable）；不能修改自己（cannot_change_own_role），也不能把唯一启用的管理员改为其他角色' +
      '（last_admin）。修改后该用户全部会话注销。',
  })
  @ApiOkResponse({ type: UserView })
  @ApiErrors(400, 404, 409)
  changeRole(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: ChangeRoleDto,
  ) {
    return this.admin.changeRole(actor, meta, id, dto);
  }
}
