import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, IdPipe, PageQuery, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '../auth/decorators';
import { CreateUserDto, UpdateUserDto } from '../dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('用户管理')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({ summary: '创建用户（管理员）', description: '新用户首次登录须修改初始密码。' })
  create(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Body() dto: CreateUserDto) {
    return this.users.create(actor, meta, dto);
  }

  @Get()
  @ApiOperation({ summary: '用户列表（管理员）' })
  list(@Query() q: PageQuery) {
    return this.users.list(q.page, q.pageSize);
  }

  @Get(':id')
  @ApiOperation({ summary: '用户详情（管理员）' })
  get(@Param('id', IdPipe) id: string) {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: '启用/停用用户、修改名称（管理员）', description: '停用即注销其全部会话。' })
  update(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateUserDto,
  ) {
    return this.users.update(actor, meta, id, dto);
  }
}
