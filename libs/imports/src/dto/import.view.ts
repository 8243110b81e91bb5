import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { findRegion } from '@ff/regions';
import { TIER_NAMES, type TierCode } from '@ff/rules';
import { type ApplicationImport, IMPORT_STATUS_NAMES, type ImportStatus } from '../entities/application-import.entity';

const STATUSES: ImportStatus[] = ['queued', 'validating', 'validated', 'failed', 'cancelled', 'committed'];

export class ImportIssueView {
  @ApiProperty({ description: '单元格（工作表!单元格），或工作表名', example: '自评!D17' }) cell: string;
  @ApiProperty({ description: '问题代码', example: 'invalid_option' }) code: string;
  @ApiProperty({ description: '中文说明', example: '自评结论“满足了”不在可选值中：满足、部分满足、不满足' })
  message: string;
}

export class ImportPreviewItemView {
  @ApiProperty() creditCode: string;
  @ApiProperty() name: string;
  @ApiProperty() tier: string;
  @ApiProperty() tierName: string;
  @ApiProperty({ enum: ['create', 'update', 'unchanged'], description: '企业：新建 / 更新 / 不变' }) enterprise: string;
  @ApiProperty({ enum: ['create', 'update'], description: '申报：新建 / 更新（自评表整体替换）' }) application: string;
  @ApiProperty({ description: '自评条款数' }) clauses: number;
}

export class ImportPreviewView {
  @ApiProperty() enterprisesToCreate: number;
  @ApiProperty() enterprisesToUpdate: number;
  @ApiProperty() applicationsToCreate: number;
  @ApiProperty() applicationsToUpdate: number;
  @ApiProperty({ description: '写入的自评条款数' }) clausesSet: number;
  @ApiProperty({ description: '关联的佐证材料数' }) evidenceAttached: number;
  @ApiProperty({ type: [ImportPreviewItemView] }) items: ImportPreviewItemView[];
}

export class ImportResultView {
  @ApiProperty() enterprisesCreated: number;
  @ApiProperty() enterprisesUpdated: number;
  @ApiProperty() applicationsCreated: number;
  @ApiProperty() applicationsUpdated: number;
  @ApiProperty() clausesSet: number;
  @ApiPropertyOptional({ description: '新关联到申报的佐证材料文件数' }) evidenceAttached?: number;
  @ApiPropertyOptional({ description: '代为提交的申报数（提交导入时选择了提交）' }) applicationsSubmitted?: number;
}

/** The stored result without its bookkeeping (the submission ids kept to queue their pre-checks again). */
function resultView(r: Record<string, unknown>): ImportResultView {
  const { submissions: _kept, ...view } = r;
  return view as unknown as ImportResultView;
}

export class ImportView {
  @ApiProperty() id: string;
  @ApiProperty() batchId: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ description: '文件内容的 sha256' }) fileSha256: string;
  @ApiProperty() fileSize: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: '佐证材料压缩包的文件名（已上传时）' })
  evidenceFileName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '佐证材料压缩包内容的 sha256' })
  evidenceSha256: string | null;
  @ApiProperty({ description: '导入单位的辖区' }) jurisdictionCode: string;
  @ApiProperty() jurisdictionName: string;
  @ApiProperty({ enum: STATUSES }) status: ImportStatus;
  @ApiProperty() statusName: string;
  @ApiProperty({
    description: '进度：校验中为已读取的行数（含表头与空行）；校验完成后为数据行数',
  })
  rowsDone: number;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description:
      '进度的总数：校验中为工作簿声明的行数（两张数据表的已用区域，含表头与空行；CSV 与未声明的工作簿为空）；校验完成后为数据行数',
  })
  rowsTotal: number | null;
  @ApiProperty() errorCount: number;
  @ApiProperty() warningCount: number;
  @ApiPropertyOptional({ type: String, nullable: true }) failureReason: string | null;
  @ApiPropertyOptional({ type: ImportResultView, nullable: true }) result: ImportResultView | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) committedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export class ImportDetailView extends ImportView {
  @ApiProperty({ type: [ImportIssueView], description: '错误（最多 2000 条；总数见 errorCount）' })
  errors: ImportIssueView[];
  @ApiProperty({ type: [ImportIssueView], description: '警告（不阻止导入）' }) warnings: ImportIssueView[];
  @ApiPropertyOptional({ type: ImportPreviewView, nullable: true, description: '提交后的结果预览' })
  preview: ImportPreviewView | null;
}

export class ImportPage {
  @ApiProperty({ type: [ImportView] }) items: ImportView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export const toImportView = (i: ApplicationImport): ImportView => ({
  id: i.id,
  batchId: i.batchId,
  fileName: i.fileName,
  fileSha256: i.fileSha256,
  fileSize: i.fileSize,
  evidenceFileName: i.evidenceFileName ?? null,
  evidenceSha256: i.evidenceSha256 ?? null,
  jurisdictionCode: i.jurisdictionCode,
  jurisdictionName: findRegion(i.jurisdictionCode)?.name ?? i.jurisdictionCode,
  status: i.status,
  statusName: IMPORT_STATUS_NAMES[i.status],
  rowsDone: i.rowsDone,
  rowsTotal: i.rowsTotal,
  errorCount: i.errorCount,
  warningCount: i.warningCount,
  failureReason: i.failureReason,
  result: i.result ? resultView(i.result) : null,
  committedAt: i.committedAt,
  createdAt: i.createdAt,
});

export const toImportDetailView = (i: ApplicationImport): ImportDetailView => ({
  ...toImportView(i),
  errors: i.report?.errors ?? [],
  warnings: i.report?.warnings ?? [],
  preview: i.preview
    ? { ...i.preview, items: i.preview.items.map((x) => ({ ...x, tierName: TIER_NAMES[x.tier as TierCode] })) }
    : null,
});
