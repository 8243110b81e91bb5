/**
 * Enterprises: registration (统一社会信用代码, 区县, 行业类型, 表15 profile facts), the Zhejiang
 * division codes, the 山区海岛县 list (admin-edited), and who may see an enterprise — the rule applications reuse for visibility.
 */
export * from './domain';
export { Enterprise, EnterpriseProfileFacts, IndustryMode } from './entities/enterprise.entity';
export { EnterprisesService } from './enterprises.service';
export { EnterprisesModule } from './enterprises.module';
export {
  canSeeEnterprise,
  canEditEnterprise,
  enterpriseVisibility,
  enterpriseVisibleSql,
  jurisdictionSql,
  type EnterpriseScope,
} from './enterprises.policy';
export { matchNameOrCreditCode } from './enterprise-query';
export { EnterpriseProfileDto, CreateEnterpriseDto } from './dto/enterprise.dto';
export { type ImportedEnterprise } from './enterprises.service';
export { EnterpriseView, toEnterpriseView } from './dto/enterprise.view';
export { MountainIslandService } from './mountain-island/mountain-island.service';
