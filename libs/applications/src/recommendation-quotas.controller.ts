import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiAuthErrors, ApiErrors, IdPipe, PageOf, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '@ff/identity';
import {
  QuotaListQuery,
  QuotaView,
  RankedListQuery,
  RegionStatisticsView,
  SetQuotaDto,
  StatisticsQuery,
} from './dto/quota.dto';
import { RankedListView } from './dto/recommendation.view';
import { RecommendationQuotasService } from './recommendation-quotas.service';
import { RecommendationsService } from './recommendations.service';

/** A batch's recommendation quotas, a recommender's ranked list, and the officials' statistics. */
@ApiTags('申报条件与推荐名额')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller('batches/:batchId')
export class RecommendationQuotasController {
  constructor(
    private readonly quotas: RecommendationQuotasService,
    private readonly recommendations: RecommendationsService,
  ) {}

  @Put('recommendation-quotas')
  @Roles('official')
  @ApiOperation({
    operationId: 'saveRecommendationQuota',
    summary: '设置推荐名额（省级主管部门）',
    description:
      '按市（限市级推荐）或区县（限县级推荐）和层级设置本批次最多可推荐的申报数；null 取消名额。不能少于已推荐数。记入审计日志。',
  })
  @ApiOkResponse({ type: QuotaView })
  @ApiErrors(400, 404, 409)
  set(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('batchId', IdPipe) batchId: string,
    @Body() dto: SetQuotaDto,
  ) {
    return this.quotas.set(actor, meta, batchId, dto);
  }

  @Get('recommendation-quotas')
  @Roles('official', 'recommender')
  @ApiOperation({
    operationId: 'listRecommendationQuotas',
    summary: '推荐名额列表',
    description: '省级主管部门看全部；推荐单位看辖区内的名额。含当前有效推荐数。',
  })
  @ApiOkResponse({ type: PageOf(QuotaView) })
  @ApiErrors(400, 404)
  list(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('batchId', IdPipe) batchId: string,
    @Query() q: QuotaListQuery,
  ) {
    return this.quotas.list(actor, meta, batchId, q);
  }

  @Get('recommendation-list')
  @Roles('recommender')
  @ApiOperation({
    operationId: 'getRankedRecommendations',
    summary: '本单位推荐名单（按优先顺序）',
    description: '本单位在本批次某层级的有效推荐，按优先顺序排列，含推荐理由、名额与已推荐数。',
  })
  @ApiOkResponse({ type: RankedListView })
  @ApiErrors(400, 404)
  ranked(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('batchId', IdPipe) batchId: string,
    @Query() q: RankedListQuery,
  ) {
    return this.recommendations.list(actor, meta, batchId, q.tier);
  }

  @Get('statistics')
  @Roles('official', 'recommender')
  @ApiOperation({
    operationId: 'getBatchStatistics',
    summary: '按市、区县的申报统计',
    description:
      '每个市、区县一行（辖区内）：按状态的申报数、各层级本级有效推荐数与名额、形式审查通过率（已完成形式审查的提交中通过的比例）。可按地区筛选，分页。',
  })
  @ApiOkResponse({ type: PageOf(RegionStatisticsView) })
  @ApiErrors(400, 404)
  statistics(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('batchId', IdPipe) batchId: string,
    @Query() q: StatisticsQuery,
  ) {
    return this.quotas.statistics(actor, meta, batchId, q);
  }
}
