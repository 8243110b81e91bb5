import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_STATUSES } from '../application.state-machine';

export class DeclarationView {
  @ApiProperty({ enum: ['met', 'partial', 'not_met'] }) status: string;
  @ApiProperty({ example: '满足' }) statusName: string;
  @ApiProperty() narrative: string;
  @ApiProperty({ type: [String], format: 'uuid' }) evidenceIds: string[];
  @ApiProperty({ format: 'date-time', description: 'UTC' }) updatedAt: Date;
}

export class ClauseView {
  @ApiProperty({ example: 'sd01.ws.a' }) clauseId: string;
  @ApiProperty({ type: 'integer' }) subdomainNo: number;
  @ApiProperty() subdomainName: string;
  @ApiProperty({ example: 'a' }) label: string;
  @ApiProperty({ enum: ['mandatory', 'recommended'] }) obligation: string;
  @ApiProperty({ example: '应' }) obligationName: string;
  @ApiProperty({ description: '条款标题（能力子域与条款序号）' }) title: string;
  @ApiProperty({ description: '条款原文' }) text: string;
  @ApiProperty({ type: DeclarationView, nullable: true, description: '尚未填写为 null' })
  declaration: DeclarationView | null;
}

export class SupportingDeclarationView extends DeclarationView {
  @ApiProperty({ example: 'sd01.ws.a' }) clauseId: string;
}

export class ProgressView {
  @ApiProperty({ type: 'integer', description: '本表条款数' }) total: number;
  @ApiProperty({ type: 'integer', description: '已填写' }) declared: number;
  @ApiProperty({ type: 'integer', description: '必选条款（应）数' }) mandatory: number;
  @ApiProperty({ type: 'integer', description: '已填写的必选条款数' }) mandatoryDeclared: number;
}

export class SelfAssessmentView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ example: 'zj-ff-2025.1' }) ruleSetVersion: string;
  @ApiProperty({ enum: ['workshop', 'smart_factory', 'future_factory'] }) tier: string;
  @ApiProperty({ enum: ['discrete', 'process'] }) industryMode: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: string;
  @ApiProperty() statusName: string;
  @ApiProperty({ description: '此刻能否修改（草稿或已退回，且批次受理中）' }) editable: boolean;
  @ApiProperty({ type: [ClauseView], description: '适用条款（按目录顺序）及已填写的自评' }) clauses: ClauseView[];
  @ApiProperty({ type: [SupportingDeclarationView], description: '较低层级条款的自评（支持较低层级认定）' })
  supportingDeclarations: SupportingDeclarationView[];
  @ApiProperty({ type: ProgressView }) progress: ProgressView;
}

/** What saving one clause answers: that clause as stored and the form's progress, not the whole form. */
export class ClauseSaveResultView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ type: 'integer', description: '申报的新版本号' }) version: number;
  @ApiProperty({ example: 'sd01.ws.a' }) clauseId: string;
  @ApiProperty({ type: DeclarationView }) declaration: DeclarationView;
  @ApiProperty({ type: ProgressView }) progress: ProgressView;
}
