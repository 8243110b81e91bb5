import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PrecheckReportView, claimsForRules, namedPrecheckReport } from '@ff/applications';
import { BatchErrors } from '@ff/batches';
import { ApiAuthErrors, ApiErrors } from '@ff/core';
import { evaluateSubmission, exportCatalog, listRuleSetVersions, shown } from '@ff/rules';
import { CatalogView } from './catalog.view';
import { EvaluateSubmissionDto } from './evaluate.dto';

function assertKnownVersion(field: string, version: unknown): void {
  if (version === undefined || listRuleSetVersions().includes(version as string)) return;
  throw BatchErrors.field('unknown_rule_set', field, shown(version));
}

/** Read-only access to the rules library: the catalog, and a dry-run pre-check that stores nothing. */
@ApiTags('规则库')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller('rules')
export class RulesController {
  @Get('catalog')
  @ApiOkResponse({ type: CatalogView })
  @ApiErrors(400)
  @ApiOperation({
    operationId: 'getRulesCatalog',
    summary: '规则目录（表1–15）',
    description: '与 `npm run -s catalog:export` 输出相同的 JSON。所有已登录角色可读。',
  })
  @ApiQuery({
    name: 'version',
    type: String,
    required: false,
    description: '规则版本，缺省为当前版本',
    example: 'zj-ff-2025.1',
  })
  catalog(@Query('version') version?: string) {
    assertKnownVersion('version', version);
    return exportCatalog(version);
  }

  @Post('evaluate')
  @HttpCode(200)
  @ApiOkResponse({ type: PrecheckReportView })
  @ApiErrors(400)
  @ApiOperation({
    operationId: 'evaluateSubmission',
    summary: '形式审查试算（不保存）',
    description:
      '按申报层级与行业类型，对提交的逐条自评与表15 建设类型声明运行规则库形式审查，返回发现清单、结论与可支持的最高层级。字段名与申报接口相同（industryMode、evidenceIds、constructionClaims）。不写入任何数据。',
  })
  evaluate(@Body() dto: EvaluateSubmissionDto) {
    assertKnownVersion('ruleSetVersion', dto.ruleSetVersion);
    const claims = Object.fromEntries(
      Object.entries(dto.constructionClaims ?? {}).map(([d, c]) => [
        d,
        { claimed: c.claimed, evidence: c.evidenceIds ?? [] },
      ]),
    );
    const { profile, constructionEvidence } = claimsForRules(dto.constructionType ?? null, claims, { ...dto.profile });
    const report = evaluateSubmission({
      ruleSetVersion: dto.ruleSetVersion,
      tier: dto.tier,
      industry: dto.industryMode,
      constructionType: dto.constructionType,
      profile,
      constructionEvidence,
      declarations: dto.declarations.map((d) => ({
        clauseId: d.clauseId,
        status: d.status,
        narrative: d.narrative ?? '',
        evidence: d.evidenceIds ?? [],
      })),
    });
    return namedPrecheckReport(report);
  }
}
