import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { badRequest } from '@ff/core';
import { evaluateSubmission, exportCatalog, listRuleSetVersions } from '@ff/rules';
import { EvaluateSubmissionDto } from './evaluate.dto';

/** Read-only access to the rules library: the catalog, and a dry-run pre-check that stores nothing. */
@ApiTags('规则库')
@ApiBearerAuth()
@Controller('rules')
export class RulesController {
  @Get('catalog')
  @ApiOperation({ summary: '规则目录（表1–15）', description: '与 `npm run -s catalog:export` 输出相同的 JSON。所有已登录角色可读。' })
  @ApiQuery({ name: 'version', required: false, description: '规则版本，缺省为当前版本' })
  catalog(@Query('version') version?: string) {
    if (version !== undefined && !listRuleSetVersions().includes(version)) {
      throw badRequest('unknown_rule_set', `规则版本“${version}”不存在`, [{ field: 'version', code: 'unknown_rule_set', message: `规则版本“${version}”不存在` }]);
    }
    return exportCatalog(version);
  }

  @Post('evaluate')
  @HttpCode(200)
  @ApiOperation({
    summary: '形式审查试算（不保存）',
    description: '按申报等级与行业类型，对提交的逐条自评运行规则库形式审查，返回发现清单、结论与可支持的最高等级。不写入任何数据。',
  })
  evaluate(@Body() dto: EvaluateSubmissionDto) {
    if (dto.ruleSetVersion !== undefined && !listRuleSetVersions().includes(dto.ruleSetVersion)) {
      throw badRequest('unknown_rule_set', `规则版本“${dto.ruleSetVersion}”不存在`, [
        { field: 'ruleSetVersion', code: 'unknown_rule_set', message: `规则版本“${dto.ruleSetVersion}”不存在` },
      ]);
    }
    return evaluateSubmission(dto);
  }
}
