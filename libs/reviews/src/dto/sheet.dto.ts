import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

export class SaveSheetDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: { score: { type: 'number', nullable: true }, comment: { type: 'string', nullable: true } },
    },
    description:
      '按条款编号合并保存：{ "sd01.ws.a": { "score": 0.8, "comment": "…" } }；只给出的条款与字段被覆盖，null 清空',
    example: { 'sd01.ws.a': { score: 0.8, comment: '部分产线尚未覆盖' } },
  })
  @IsObject()
  scores: Record<string, { score?: number | null; comment?: string | null }>;
}

export class SheetClauseView {
  @ApiProperty() clauseId: string;
  @ApiProperty() label: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: ['mandatory', 'recommended'] }) obligation: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) score: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) comment: string | null;
}

export class SheetView {
  @ApiProperty() taskId: string;
  @ApiProperty() subdomainNo: number;
  @ApiProperty() subdomainName: string;
  @ApiProperty({ description: '任务已提交则不可修改' }) editable: boolean;
  @ApiProperty({ type: [SheetClauseView] }) clauses: SheetClauseView[];
  @ApiProperty({ description: '尚未完成的条款数（未评分，或低于最高档未填意见）' }) incomplete: number;
  @ApiProperty() version: number;
}

export class MaterialView {
  @ApiProperty() applicationId: string;
  @ApiProperty() submissionId: string;
  @ApiProperty({ description: '冻结提交内容的 sha256' }) contentHash: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty() tier: string;
  @ApiProperty() industryMode: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: '本任务各能力子域的自评（状态、说明、佐证材料）',
  })
  declarations: object[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: '形式审查报告中本任务的子域',
  })
  precheck: object[];
}

export class PanelSheetView {
  @ApiProperty() expertId: string;
  @ApiProperty() subdomainNo: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) scores: object;
}
