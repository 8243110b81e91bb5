import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, IdPipe, PageQuery, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '@ff/identity';
import { CreateBatchDto, UpdateBatchDto } from './dto/batch.dto';
import { BatchesService } from './batches.service';

@ApiTags('申报批次')
@ApiBearerAuth()
@Controller('batches')
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  @Post()
  @Roles('official')
  @ApiOperation({
    summary: '创建申报批次（省级主管部门）',
    description: '规则版本在创建时固定；时间须带时区，按北京时间展示。',
  })
  create(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Body() dto: CreateBatchDto) {
    return this.batches.create(actor, meta, dto);
  }

  @Get()
  @ApiOperation({ summary: '申报批次列表', description: '省级主管部门可见全部；其他角色仅见已开放和已截止的批次。' })
  list(@CurrentActor() actor: Actor, @Query() q: PageQuery) {
    return this.batches.list(actor, q);
  }

  @Get(':id')
  @ApiOperation({ summary: '申报批次详情' })
  get(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.batches.getVisible(actor, meta, id);
  }

  @Patch(':id')
  @Roles('official')
  @ApiOperation({ summary: '修改申报批次', description: '未开放时可改全部内容；开放后仅可延长截止时间。' })
  update(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateBatchDto,
  ) {
    return this.batches.update(actor, meta, id, dto);
  }

  @Post(':id/open')
  @HttpCode(200)
  @Roles('official')
  @ApiOperation({ summary: '开放申报' })
  open(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.batches.transition(actor, meta, id, 'open');
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('official')
  @ApiOperation({ summary: '截止申报' })
  close(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.batches.transition(actor, meta, id, 'close');
  }
}
