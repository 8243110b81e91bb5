/**
 * Chinese labels of request fields and query parameters, as validation messages name them
 * (“用户名”为必填项). Keyed by property name: one name means one thing across the API. The
 * OpenAPI contract test fails when a documented field has no label here.
 */
export const FIELD_LABELS: Record<string, string> = {
  // identity
  username: '用户名',
  displayName: '姓名或单位名称',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  refreshToken: '刷新令牌',
  role: '角色',
  active: '是否启用',
  // enterprises and regions
  name: '企业名称',
  creditCode: '统一社会信用代码',
  regionCode: '行政区划代码',
  industryMode: '行业类型',
  profile: '企业基础要求事实（表15）',
  industryLeader: '是否行业龙头企业',
  clusterKeyEnterprise: '是否产业集群重点企业',
  chainLeader: '是否链主型企业',
  serviceOrPlatformOrHq: '是否服务型、平台型制造企业或总部经济型企业',
  contactName: '联系人',
  contactPhone: '联系电话',
  // batches
  code: '批次编号',
  title: '批次名称',
  ruleSetVersion: '规则版本',
  tiers: '受理的申报等级',
  submissionOpensAt: '申报开始时间',
  submissionClosesAt: '申报截止时间',
  precheckPolicy: '形式审查策略',
  minNarrativeLength: '自评说明最少字数',
  requireEvidenceForMandatory: '必选条款是否须附佐证材料',
  requireEvidenceForRecommended: '推荐条款是否须附佐证材料',
  partialCountsAsMet: '“部分满足”是否视为满足',
  scoringPolicy: '评分策略',
  thresholds: '通过分数线',
  trimFromPanelSize: '去掉最高最低分的专家人数',
  divergenceThreshold: '评分分歧阈值',
  panelSizes: '评审专家人数',
  workshop: '省级数字化车间',
  smart_factory: '省级智能工厂',
  future_factory: '未来工厂',
  // applications
  batchId: '申报批次',
  tier: '申报层级',
  constructionType: '建设类型',
  constructionClaims: '建设类型声明（表15）',
  basicRequirement: '基础要求',
  coreCapability: '核心能力',
  newTechModel: '新技术新模式',
  claimed: '是否声明具备',
  declarations: '自评条款',
  clauseId: '条款编号',
  status: '状态',
  narrative: '情况说明',
  evidenceIds: '佐证材料编号',
  decision: '推荐意见',
  comment: '意见',
  reason: '撤回原因',
  waitingForMe: '待我办理',
  // lists
  page: '页码',
  pageSize: '每页条数',
  sort: '排序',
  q: '搜索词',
  version: '规则版本',
};

/**
 * What a pattern-checked field must look like, for messages that say more than “格式不正确”.
 */
export const FIELD_FORMATS: Record<string, string> = {
  username: '3至64位字母、数字、下划线、点或连字符',
  regionCode: '6位数字的行政区划代码，如 330106',
  contactPhone: '5至20位数字，可含 +、- 和空格',
  code: '2至32位字母、数字、下划线或连字符，以字母或数字开头，如 2026-1',
};
