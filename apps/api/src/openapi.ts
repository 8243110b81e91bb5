import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Every tag a route may use, with what it groups; the docs test refuses a tag missing here. */
export const API_TAGS: Record<string, string> = {
  认证: '登录、刷新令牌、企业用户注册、修改密码、当前用户；按客户端 IP 限流',
  用户管理: '系统管理员管理账号：创建、列表、详情、启用/停用',
  企业: '企业登记与信息维护（统一社会信用代码、所在区县、表15 基础要求事实），浙江省行政区划代码',
  申报批次: '省级主管部门设立、开放、截止申报批次；批次固定规则版本与形式审查策略',
  申报: '企业申报全过程：草稿、自评、佐证材料、建设类型声明、提交与形式审查、属地推荐、历程',
  申报条件与推荐名额: '山区海岛县名单（管理员维护）、批次推荐名额、推荐排序（优先顺序）与撤回、按市县的申报统计',
  规则库: '规则目录（表1–15）与不保存的形式审查试算',
  运行状态: '健康检查与任务队列往返检查',
  评审专家库: '省级主管部门维护评审专家（擅长能力域、单位、任务上限、批量导入）；专家维护本人不可参评时段与利害关系',
  站内通知: '本人的站内通知：列表、标为已读',
  评审轮次: '省级主管部门开启专家评审轮次、预览与人工调整分配（含回避检查与强制理由）、发布、进度、结果与宽严度校准',
  评估报告与导出:
    '每份申报的评估报告（PDF，后台生成，内容不变不重复生成；认定决定前仅省级主管部门可查阅）与批次评审结果导出（Excel）',
  认定证书与名录: '认定证书 PDF（后台生成，内容不变不重复生成；二维码指向公开的证书查验接口）与认定名录导出（Excel）',
  评审任务: '专家接受或谢绝任务、查看冻结的评审材料、按能力子域评分与提交；省级主管部门退回重评与处理分歧结果',
  认定意见: '省级主管部门提出认定意见（按申报层级、降级、培育库、现场核查、不予认定），另一人确认（双人复核），可批量',
  公示与认定: '发布公示（按工作日计算期限）、处理实名异议、公示期满生成认定与证书编号、撤销认定并限制申报',
  公开查询: '无需登录：公示名单、实名异议、认定名录、证书查验',
  工作日历: '节假日与调休数据（按年，注明国务院办公厅通知），管理员维护；工作日计算',
  限制申报: '撤销认定或省级主管部门录入的限制申报，期内拒绝该企业新建申报',
  现场核查: '对暂缓认定的申报安排现场核查：核查组（回避检查）、逐条核查发现、结论',
  认定复核:
    '有效期届满前的认定复核：开启复核评审轮次（沿用专家评审的分配、回避、评分与结果），提出复核结论并由另一人确认（维持并延长有效期，或撤销并限制申报）',
  申报导入:
    '省级主管部门（全省）与市、县推荐单位（本辖区）用 Excel 批量导入申报：模板下载、上传校验（逐单元格中文错误）、预览、整体提交或取消',
};

const DESCRIPTION = [
  '申报批次、企业登记、自评与佐证材料、形式审查（规则库表1–15）、属地推荐。',
  '',
  '约定：',
  '- 除登录、刷新令牌、注册、健康检查外，所有接口需在 Authorization 头携带 Bearer 访问令牌。',
  '- 错误统一返回 ErrorBodyView `{ code, message, details[], requestId }`，message 为中文，details 逐字段说明。',
  '- 列表统一返回 `{ items, total, page, pageSize }`；page 从 1 开始，pageSize 最大 100。',
  '- 时间一律为 UTC 的 ISO 8601 字符串（以 Z 结尾），按北京时间（+08:00）展示由前端负责；提交时间须带时区。',
  '- 枚举字段都有同名的 `*Name` 中文标签（status → statusName，tier → tierName 等）。',
  '- regionCode 筛选在所有列表含义相同：市级代码包含其下辖区县，区县代码仅该区县。',
].join('\n');

/** The OpenAPI document served at /api/docs-json; built from the routes' decorators. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('浙江省“未来工厂”分级申报评审系统 API')
    .setDescription(DESCRIPTION)
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const [name, description] of Object.entries(API_TAGS)) builder.addTag(name, description);
  return SwaggerModule.createDocument(app, builder.build(), {
    // Each route names its operationId (a verb phrase, e.g. listApplications); this is the fallback.
    operationIdFactory: (_controller, method) => method,
  });
}
