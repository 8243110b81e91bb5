import { ApiProperty } from '@nestjs/swagger';
import type { Enterprise } from '@ff/enterprises';
import { cityOf, findRegion } from '@ff/regions';
import {
  CONSTRUCTION_TYPE_CODES,
  INDUSTRY_NAMES,
  IndustryMode,
  TIER_CODES,
  TIER_NAMES,
  TierCode,
  getRuleSet,
} from '@ff/rules';
import type { Actor } from '@ff/core';
import {
  APPLICATION_ACTIONS,
  APPLICATION_ACTION_NAMES,
  ApplicationAction,
  allowedActions,
  isEditableNow,
} from '../application-actions';
import { firerOf } from '../applications.policy';
import { APPLICATION_STATUSES, APPLICATION_STATUS_NAMES, ApplicationStatus } from '../application.state-machine';
import type { ConstructionClaims } from '../construction-claims';
import { EligibilityFactsView } from './eligibility-facts.view';
import type { Application } from '../entities/application.entity';

const typeName = (code: string | null) =>
  code ? (getRuleSet().constructionTypes.find((t) => t.code === code)?.name ?? null) : null;

export class ActionView {
  @ApiProperty({ enum: APPLICATION_ACTIONS, description: '动作代码' }) action: ApplicationAction;
  @ApiProperty({ example: '提交申报' }) name: string;
}

export class ApplicationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) batchId: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId: string;
  @ApiProperty({ example: '浙江某某智能装备有限公司' }) enterpriseName: string;
  @ApiProperty({ example: '91330106MA2B2C3D4W' }) creditCode: string;
  @ApiProperty({ description: '企业所在区县代码', example: '330106' }) regionCode: string;
  @ApiProperty({ type: String, nullable: true, example: '西湖区' }) regionName: string | null;
  @ApiProperty({ type: String, nullable: true, description: '所在市代码', example: '330100' }) cityCode: string | null;
  @ApiProperty({ type: String, nullable: true, example: '杭州市' }) cityName: string | null;
  @ApiProperty({ enum: TIER_CODES }) tier: string;
  @ApiProperty({ example: '未来工厂' }) tierName: string;
  @ApiProperty({ type: String, enum: CONSTRUCTION_TYPE_CODES, nullable: true }) constructionType: string | null;
  @ApiProperty({ type: String, nullable: true, example: '协同共生链主型' }) constructionTypeName: string | null;
  @ApiProperty({ enum: ['discrete', 'process'] }) industryMode: string;
  @ApiProperty({ example: '离散行业' }) industryModeName: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
  @ApiProperty({ example: '草稿' }) statusName: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '当前提交' })
  currentSubmissionId: string | null;
  @ApiProperty({
    enum: ['enterprise', 'import'],
    description: '来源：enterprise 企业自行填报；import 推荐单位或主管部门通过 Excel 导入代为填报',
  })
  origin: 'enterprise' | 'import';
  @ApiProperty({ type: 'integer', description: '版本号（每次修改加一）' }) version: number;
  @ApiProperty({ format: 'date-time', description: 'UTC' }) createdAt: Date;
  @ApiProperty({ format: 'date-time', description: 'UTC' }) updatedAt: Date;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: '市级推荐的优先顺序（1 为最优先）；未经市级推荐为 null',
  })
  cityRank: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: '县级推荐的优先顺序；未经县级推荐为 null' })
  countyRank: number | null;
  @ApiProperty({ description: '批次此刻是否受理申报（已开放且在申报时间内）' }) batchAcceptingSubmissions: boolean;
  @ApiProperty({ description: '当前用户此刻能否修改（草稿或已退回，且批次受理中）' }) editable: boolean;
  @ApiProperty({
    type: [ActionView],
    description: '当前用户此刻可执行的操作（由状态机表与批次状态得出，门户据此显示按钮）',
  })
  allowedActions: ActionView[];
}

export class ReturnReasonView {
  @ApiProperty({ enum: ['precheck', 'county', 'city'], description: '退回方' }) source: 'precheck' | 'county' | 'city';
  @ApiProperty({ example: '县级推荐单位' }) sourceName: string;
  @ApiProperty({ description: '退回理由（企业可见）' }) comment: string;
  @ApiProperty({ format: 'date-time', description: 'UTC' }) at: Date;
}

export class DimensionClaimView {
  @ApiProperty() claimed: boolean;
  @ApiProperty() narrative: string;
  @ApiProperty({ type: [String], format: 'uuid' }) evidenceIds: string[];
}

export class ConstructionClaimsView {
  @ApiProperty({ type: DimensionClaimView, required: false, description: '基础要求' })
  basicRequirement?: DimensionClaimView;
  @ApiProperty({ type: DimensionClaimView, required: false, description: '核心能力' })
  coreCapability?: DimensionClaimView;
  @ApiProperty({ type: DimensionClaimView, required: false, description: '新技术新模式' })
  newTechModel?: DimensionClaimView;
}

export class VendorView {
  @ApiProperty({ description: '统一社会信用代码' }) creditCode: string;
  @ApiProperty({ description: '服务商名称' }) name: string;
  @ApiProperty({ description: '所提供服务的简述（可为空字符串）' }) serviceDescription: string;
}

export class ApplicationDetailView extends ApplicationView {
  @ApiProperty({ type: ReturnReasonView, nullable: true, description: '已退回时：最近一次退回理由' })
  returnReason: ReturnReasonView | null;
  @ApiProperty({ type: 'integer' }) submissionCount: number;
  @ApiProperty({ type: ConstructionClaimsView, description: '表15 建设类型声明（未填写的维度不出现）' })
  constructionClaims: ConstructionClaimsView;
  @ApiProperty({ type: EligibilityFactsView, description: '申报条件事项（未填写的事项不出现）' })
  eligibilityFacts: EligibilityFactsView;
  @ApiProperty({ type: [VendorView], description: '申报的供应商/数字化服务商（评审分配时回避其在职专家）' })
  vendors: VendorView[];
}

/** Kept for the contexts that read applications through the public index. */
export type ApplicationDetail = ApplicationDetailView;

type EnterpriseFields = Pick<Enterprise, 'name' | 'creditCode' | 'regionCode'>;
type ApplicationFields = Omit<Application, 'createdBy' | 'constructionClaims' | 'eligibilityFacts' | 'vendors'>;

/** The hints depend on who asks and on the batch: whether it accepts submissions now. */
export interface ViewContext {
  actor: Actor;
  batchAcceptingSubmissions: boolean;
  /** The live county and city recommendations' ranks of the current submission. */
  ranks?: { county: number | null; city: number | null };
}

export function toView(app: ApplicationFields, e: EnterpriseFields, ctx: ViewContext): ApplicationView {
  const city = cityOf(e.regionCode);
  const accepting = ctx.batchAcceptingSubmissions;
  return {
    id: app.id,
    batchId: app.batchId,
    enterpriseId: app.enterpriseId,
    enterpriseName: e.name,
    creditCode: e.creditCode,
    regionCode: e.regionCode,
    regionName: findRegion(e.regionCode)?.name ?? null,
    cityCode: city?.code ?? null,
    cityName: city?.name ?? null,
    tier: app.tier,
    tierName: TIER_NAMES[app.tier as TierCode],
    constructionType: app.constructionType,
    constructionTypeName: typeName(app.constructionType),
    industryMode: app.industryMode,
    industryModeName: INDUSTRY_NAMES[app.industryMode as IndustryMode],
    status: app.status,
    statusName: APPLICATION_STATUS_NAMES[app.status],
    currentSubmissionId: app.currentSubmissionId,
    origin: app.origin,
    version: app.version,
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
    cityRank: ctx.ranks?.city ?? null,
    countyRank: ctx.ranks?.county ?? null,
    batchAcceptingSubmissions: accepting,
    editable: firerOf(ctx.actor) === 'enterprise' && isEditableNow(app.status, accepting),
    allowedActions: actionViews(allowedActions(app.status, ctx.actor, accepting)),
  };
}

export const actionViews = (actions: ApplicationAction[]): ActionView[] =>
  actions.map((action) => ({ action, name: APPLICATION_ACTION_NAMES[action] }));

export const claimsView = (claims: ConstructionClaims): ConstructionClaimsView => ({ ...claims });

/**
 * A raw row of the list query (`a.*`, the enterprise's name, credit code and region, and the
 * batch's status and window for the hints).
 */
export function rowToView(r: Record<string, never>, actor: Actor, now: Date = new Date()): ApplicationView {
  const accepting =
    r.batch_status === 'open' && now >= new Date(r.batch_opens_at) && now <= new Date(r.batch_closes_at);
  return toView(
    {
      id: r.id,
      batchId: r.batch_id,
      enterpriseId: r.enterprise_id,
      tier: r.tier,
      constructionType: r.construction_type,
      industryMode: r.industry_mode,
      status: r.status,
      currentSubmissionId: r.current_submission_id,
      origin: r.origin,
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    },
    { name: r.enterprise_name, creditCode: r.credit_code, regionCode: r.region_code },
    {
      actor,
      batchAcceptingSubmissions: accepting,
      ranks: {
        county: r.county_rank === null ? null : Number(r.county_rank),
        city: r.city_rank === null ? null : Number(r.city_rank),
      },
    },
  );
}

/** What the audit log keeps of an application (no enterprise profile: that is the enterprise's record). */
export const auditView = (app: Application) => ({
  status: app.status,
  tier: app.tier,
  constructionType: app.constructionType,
  constructionClaims: app.constructionClaims,
  eligibilityFacts: app.eligibilityFacts,
  vendors: app.vendors,
  currentSubmissionId: app.currentSubmissionId,
  version: app.version,
});
