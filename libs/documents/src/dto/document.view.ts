import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DocumentRecord } from '../entities/document.entity';

export const DOCUMENT_STATUS_NAMES = {
  not_rendered: '尚未生成',
  rendering: '生成中',
  ready: '已生成',
  failed: '生成失败',
} as const;
export type DocumentViewStatus = keyof typeof DOCUMENT_STATUS_NAMES;

/** Where an application's assessment report stands for its current input. */
export class AssessmentReportStatusView {
  @ApiProperty() applicationId: string;
  @ApiProperty({
    enum: Object.keys(DOCUMENT_STATUS_NAMES),
    description: 'not_rendered 尚未生成 / rendering 生成中 / ready 已生成 / failed 生成失败（再次请求会重试）',
  })
  status: DocumentViewStatus;
  @ApiProperty({ example: '生成中' }) statusName: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: '文档记录编号' }) documentId: string | null;
  @ApiProperty({ description: '当前报告内容（规范化 JSON）的 SHA-256；内容变化即重新生成' }) inputHash: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'PDF 文件的 SHA-256' }) sha256: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'PDF 字节数' }) size: number | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) renderedAt: Date | null;
  @ApiProperty({ type: [String], description: '字库缺字（PDF 中以“〓”代替并注明）' }) missingGlyphs: string[];
  @ApiProperty({ description: '是否已有认定决定（决定作出后企业与属地推荐单位方可查阅）' }) decided: boolean;
}

export function toReportStatusView(
  applicationId: string,
  inputHash: string,
  row: DocumentRecord | null,
  decided: boolean,
): AssessmentReportStatusView {
  const status: DocumentViewStatus = row?.status ?? 'not_rendered';
  return {
    applicationId,
    status,
    statusName: DOCUMENT_STATUS_NAMES[status],
    documentId: row?.id ?? null,
    inputHash,
    sha256: row?.sha256 ?? null,
    size: row?.size ?? null,
    renderedAt: row?.renderedAt ?? null,
    missingGlyphs: row?.missingGlyphs ?? [],
    decided,
  };
}

/** Where a designation's certificate stands for the designation's current facts. */
export class CertificateStatusView {
  @ApiProperty() designationId: string;
  @ApiProperty({ example: 'ZJFF-2026-1-FF-0001' }) certificateNumber: string;
  @ApiProperty({
    enum: ['active', 'under_re_review', 'revoked', 'expired'],
    description: '认定的当前状态（不印在证书上；扫码查验时显示）',
  })
  designationStatus: string;
  @ApiProperty({ example: '有效' }) designationStatusName: string;
  @ApiProperty({
    enum: Object.keys(DOCUMENT_STATUS_NAMES),
    description: 'not_rendered 尚未生成 / rendering 生成中 / ready 已生成 / failed 生成失败（再次请求会重试）',
  })
  status: DocumentViewStatus;
  @ApiProperty({ example: '已生成' }) statusName: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: '文档记录编号' }) documentId: string | null;
  @ApiProperty({ description: '证书内容（规范化 JSON）的 SHA-256；内容变化即重新生成' }) inputHash: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'PDF 文件的 SHA-256' }) sha256: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'PDF 字节数' }) size: number | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) renderedAt: Date | null;
  @ApiProperty({ type: [String], description: '字库缺字（PDF 中以“〓”代替并注明）' }) missingGlyphs: string[];
  @ApiProperty({ description: '证书二维码指向的公开查验地址' }) verifyUrl: string;
}
