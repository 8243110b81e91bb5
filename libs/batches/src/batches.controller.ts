import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiAuthErrors, ApiErrors, IdPipe, PageOf, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '@ff/identity';
import { BatchListQuery, CreateBatchDto, UpdateBatchDto } from './dto/batch.dto';
import { BatchView, toBatchView } from './dto/batch.view';
import { BatchesService } from './batches.service';

@ApiTags('申报批次')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller('batches')
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  @Post()
  @Roles('official')
  @ApiOperation({
    operationId: 'createBatch',
    summary: '创建申报批次（省级主管部门）',
    description: '规则版本在创建时固定；时间须带时区。策略对象可只给部分项，其余取默认值。',
  })
  @ApiCreatedResponse({ type: BatchView })
  @ApiErrors(400, 409)
  async create(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Body() dto: CreateBatchDto) {
    return toBatchView(await this.batches.create(actor, meta, dto));
  }

  @Get()
  @ApiOperation({
    operationId: 'listBatches',
    summary: '申报批次列表',
    description: '省级主管部门可见全部；其他角色仅见已开放和已截止的批次。acceptingSubmissions 表示此刻是否受理申报。',
  })
  @ApiOkResponse({ type: PageOf(BatchView) })
  @ApiErrors(400)
  async list(@CurrentActor() actor: Actor, @Query() q: BatchListQuery) {
    const page = await this.batches.list(actor, q);
    return { ...page, items: page.items.map((b) => toBatchView(b)) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getBatch', summary: '申报批次详情' })
  @ApiOkResponse({ type: BatchView })
  @ApiErrors(400, 404)
  async get(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return toBatchView(await this.batches.getVisible(actor, meta, id));
  }

  @Patch(':id')
  @Roles('official')
  @ApiOperation({
    operationId: 'updateBatch',
    summary: '修改申报批次',
    description: '未开放时可改全部内容；开放后仅可延长截止时间。策略对象只改给出的项。',
  })
  @ApiOkResponse({ type: BatchView })
  @ApiErrors(400, 404, 409)
  async update(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateBatchDto,
  ) {
    return toBatchView(await this.batches.update(actor, meta, id, dto));
  }

  @Post(':id/open')
  @HttpCode(200)
  @Roles('official')
  @ApiOperation({ operationId: 'openBatch', summary: '开放申报' })
  @ApiOkResponse({ type: BatchView })
  @ApiErrors(400, 404, 409)
  async open(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return toBatchView(await this.batches.transition(actor, meta, id, 'open'));
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('official')
  @ApiOperation({ operationId: 'closeBatch', summary: '截止申报' })
  @ApiOkResponse({ type: BatchView })
  @ApiErrors(400, 404, 409)
  async close(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return toBatchView(await this.batches.transition(actor, meta, id, 'close'));
  }
}
