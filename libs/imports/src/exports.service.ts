import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { Actor, RequestMeta, neutraliseCell } from '@ff/core';
import {
  ApplicationsService,
  ListApplicationsQuery,
  SelfAssessmentService,
  type ApplicationView,
} from '@ff/applications';
import { BatchesService } from '@ff/batches';
import { EnterprisesService } from '@ff/enterprises';
import { ZHEJIANG_REGIONS, findRegion } from '@ff/regions';
import {
  CLAUSE_STATUS_NAMES,
  INDUSTRY_NAMES,
  type IndustryMode,
  TIER_NAMES,
  type TierCode,
  getRuleSet,
} from '@ff/rules';
import { buildImportWorkbook } from './import-workbook';
import { printedRef } from './import-columns';

/** The application list export, as a column table: a header and how each row's cell is read off the list item. */
export const APPLICATION_EXPORT_COLUMNS: { header: string; width: number; value: (a: ApplicationView) => string }[] = [
  { header: '申报编号', width: 38, value: (a) => a.id },
  { header: '企业名称', width: 30, value: (a) => a.enterpriseName },
  { header: '统一社会信用代码', width: 22, value: (a) => a.creditCode },
  { header: '所在市', width: 10, value: (a) => a.cityName ?? '' },
  { header: '所在区县', width: 12, value: (a) => a.regionName ?? a.regionCode },
  { header: '申报层级', width: 16, value: (a) => a.tierName },
  { header: '建设类型', width: 16, value: (a) => a.constructionTypeName ?? '' },
  { header: '行业类型', width: 10, value: (a) => a.industryModeName },
  { header: '状态', width: 18, value: (a) => a.statusName },
  { header: '创建时间（UTC）', width: 22, value: (a) => new Date(a.createdAt).toISOString() },
  { header: '更新时间（UTC）', width: 22, value: (a) => new Date(a.updatedAt).toISOString() },
];

/** Upper bound on rows of one list export (the list route pages by 100). */
const MAX_EXPORT_ROWS = 50_000;

/**
 * Exports: the application list through the very query and policy of `GET /applications` (so an
 * export never shows more than the list), and one application's self-assessment in the import
 * template's layout, so it can be edited and imported back. Every text through `neutraliseCell`.
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly selfAssessments: SelfAssessmentService,
    private readonly enterprises: EnterprisesService,
    private readonly batches: BatchesService,
  ) {}

  async applicationList(actor: Actor, meta: RequestMeta, q: ListApplicationsQuery): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('申报列表', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = APPLICATION_EXPORT_COLUMNS.map((c) => ({ header: c.header, width: c.width, style: { numFmt: '@' } }));
    ws.getRow(1).font = { bold: true };
    for (let page = 1, seen = 0; seen < MAX_EXPORT_ROWS; page++) {
      const result = await this.applications.list(
        actor,
        meta,
        Object.assign(new ListApplicationsQuery(), q, { page, pageSize: 100 }),
      );
      for (const item of result.items) ws.addRow(APPLICATION_EXPORT_COLUMNS.map((c) => neutraliseCell(c.value(item))));
      seen += result.items.length;
      if (result.items.length < 100) break;
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  async selfAssessment(actor: Actor, meta: RequestMeta, id: string): Promise<Buffer> {
    const app = await this.applications.get(actor, meta, id);
    const form = await this.selfAssessments.get(actor, meta, id);
    const enterprise = await this.enterprises.getVisible(actor, meta, app.enterpriseId);
    const batch = await this.batches.getOrFail(app.batchId);
    const ruleSet = getRuleSet(batch.ruleSetVersion);
    const county = findRegion(enterprise.regionCode);
    const city = county && ZHEJIANG_REGIONS.find((r) => r.code === county.parent);
    const typeName = ruleSet.constructionTypes.find((c) => c.code === app.constructionType)?.name ?? '';
    const row = (
      ref: string,
      text: string,
      d: { status: keyof typeof CLAUSE_STATUS_NAMES; narrative: string } | null,
    ) => ({
      creditCode: enterprise.creditCode,
      clauseRef: ref,
      clauseText: text,
      status: d ? CLAUSE_STATUS_NAMES[d.status] : '',
      narrative: d?.narrative ?? '',
    });
    const declarations = [
      ...form.clauses.map((c) => {
        const entry = ruleSet.clauseById.get(c.clauseId)!;
        return row(printedRef(entry.subdomain, entry.clause), c.text, c.declaration as never);
      }),
      // Lower-tier clauses print like the tier's own: their stable id says which one is meant.
      ...form.supportingDeclarations.map((d) =>
        row(d.clauseId, ruleSet.clauseById.get(d.clauseId)?.clause.text ?? '', d as never),
      ),
    ];
    return buildImportWorkbook(
      batch,
      ruleSet,
      ruleSet.constructionTypes.map((c) => c.name),
      {
        enterprises: [
          {
            creditCode: enterprise.creditCode,
            name: enterprise.name,
            county: county ? `${city?.name ?? ''}${county.name}` : enterprise.regionCode,
            industryMode: INDUSTRY_NAMES[enterprise.industryMode as IndustryMode],
            tier: TIER_NAMES[app.tier as TierCode],
            constructionType: typeName,
            contactName: enterprise.contactName ?? '',
            contactPhone: enterprise.contactPhone ?? '',
            completionDate: app.eligibilityFacts.completionDate?.value ?? '',
          },
        ],
        declarations,
      },
    );
  }
}
