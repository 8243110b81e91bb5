import { ApiProperty } from '@nestjs/swagger';
import { CONSTRUCTION_TYPE_CODES, TIER_CODES } from '@ff/rules';

/** The catalog export (`npm run -s catalog:export`) as documented classes. */

export class CatalogTierView {
  @ApiProperty({ enum: TIER_CODES }) code: string;
  @ApiProperty({ example: '未来工厂' }) name: string;
  @ApiProperty({ type: 'integer', description: '涉及的能力域数' }) domains: number;
  @ApiProperty({ type: 'integer', description: '涉及的能力子域数' }) subdomains: number;
}

export class CatalogElementView {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String], description: '所含能力域代码' }) domains: string[];
}

export class CatalogDomainView {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: '所属要素代码' }) element: string;
  @ApiProperty({ type: [Number], description: '所含能力子域序号' }) subdomains: number[];
}

export class CatalogClauseView {
  @ApiProperty({ example: 'sd01.ws.a' }) id: string;
  @ApiProperty({ example: 'a' }) label: string;
  @ApiProperty({ enum: ['mandatory', 'recommended'], description: 'mandatory 应 / recommended 宜' }) obligation: string;
  @ApiProperty({ type: String, enum: ['discrete', 'process'], nullable: true, description: '仅适用的行业类型' })
  industry: string | null;
  @ApiProperty({ description: '条款原文' }) text: string;
}

export class CatalogRequirementsView {
  @ApiProperty({ type: [CatalogClauseView], nullable: true, description: '表中为“/”时为 null' })
  workshop: CatalogClauseView[] | null;
  @ApiProperty({ type: [CatalogClauseView], nullable: true }) smart_factory: CatalogClauseView[] | null;
  @ApiProperty({ type: [CatalogClauseView], nullable: true }) future_factory: CatalogClauseView[] | null;
}

export class CatalogSubdomainView {
  @ApiProperty({ type: 'integer' }) no: number;
  @ApiProperty() name: string;
  @ApiProperty({ description: '所属能力域代码' }) domain: string;
  @ApiProperty({ type: CatalogRequirementsView }) requirements: CatalogRequirementsView;
}

export class CatalogConstructionTypeView {
  @ApiProperty({ enum: CONSTRUCTION_TYPE_CODES }) code: string;
  @ApiProperty({ example: '协同共生链主型' }) name: string;
  @ApiProperty({ description: '基础要求' }) basicRequirement: string;
  @ApiProperty({ description: '核心能力' }) coreCapability: string;
  @ApiProperty({ description: '新技术新模式' }) newTechModel: string;
}

export class CatalogView {
  @ApiProperty({ example: 'zj-ff-2025.1' }) version: string;
  @ApiProperty({ type: [CatalogTierView] }) tiers: CatalogTierView[];
  @ApiProperty({ type: [CatalogElementView] }) elements: CatalogElementView[];
  @ApiProperty({ type: [CatalogDomainView] }) domains: CatalogDomainView[];
  @ApiProperty({ type: [CatalogSubdomainView] }) subdomains: CatalogSubdomainView[];
  @ApiProperty({ type: [CatalogConstructionTypeView], description: '表15 建设类型' })
  constructionTypes: CatalogConstructionTypeView[];
}
