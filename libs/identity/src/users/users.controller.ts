import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiAuthErrors, ApiErrors, IdPipe, PageOf, PageQuery, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '../auth/decorators';
import { CreateUserDto, UpdateUserDto } from '../dto/user.dto';
import { UserView, toUserView } from './user.view';
import { UsersService } from './users.service';

@ApiTags('用户管理')
@ApiBearerAuth()
@ApiAuthErrors()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({
    operationId: 'createUser',
    summary: '创建用户（管理员）',
    description: '新用户首次登录须修改初始密码。',
  })
  @ApiCreatedResponse({ type: UserView })
  @ApiErrors(400, 409)
  async create(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Body() dto: CreateUserDto,
  ): Promise<UserView> {
    return toUserView(await this.users.create(actor, meta, dto));
  }

  @Get()
  @ApiOperation({ operationId: 'listUsers', summary: '用户列表（管理员）' })
  @ApiOkResponse({ type: PageOf(UserView) })
  @ApiErrors(400)
  async list(@Query() q: PageQuery) {
    const page = await this.users.list(q.page, q.pageSize);
    return { ...page, items: page.items.map(toUserView) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getUser', summary: '用户详情（管理员）' })
  @ApiOkResponse({ type: UserView })
  @ApiErrors(400, 404)
  async get(@Param('id', IdPipe) id: string): Promise<UserView> {
    return toUserView(await this.users.get(id));
  }

  @Patch(':id')
  @ApiOperation({
    operationId: 'updateUser',
    summary: '启用/停用用户、修改名称（管理员）',
    description: '停用即注销其全部会话。',
  })
  @ApiOkResponse({ type: UserView })
  @ApiErrors(400, 404)
  async update(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserView> {
    return toUserView(await this.users.update(actor, meta, id, dto));
  }
}
