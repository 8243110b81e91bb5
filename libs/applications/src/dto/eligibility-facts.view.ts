import { ApiProperty } from '@nestjs/swagger';
import { CREDIT_RATINGS, CREDIT_RATING_NAMES, type CreditRating } from '@ff/rules';
import type { EligibilityFacts } from '../eligibility-facts';

class FactEvidenceView {
  @ApiProperty({ type: [String], format: 'uuid', description: '佐证材料编号' }) evidenceIds: string[];
}
export class NumberFactView extends FactEvidenceView {
  @ApiProperty({ description: '申报值' }) value: number;
}
export class BooleanFactView extends FactEvidenceView {
  @ApiProperty({ description: '申报值' }) value: boolean;
}
export class ViolationsFactView extends BooleanFactView {
  @ApiProperty({ description: '违法违规情况说明' }) description: string;
}
export class CreditRatingFactView extends FactEvidenceView {
  @ApiProperty({ enum: CREDIT_RATINGS, description: '信用等级' }) value: CreditRating;
  @ApiProperty({ description: '信用等级（中文）', example: '良好' }) valueName: string;
}
export class DateFactView extends FactEvidenceView {
  @ApiProperty({ description: '日期（YYYY-MM-DD）', example: '2025-06-30' }) value: string;
}

export class EligibilityFactsView {
  @ApiProperty({ type: NumberFactView, required: false, description: '数字化水平' }) digitalLevel?: NumberFactView;
  @ApiProperty({ type: NumberFactView, required: false, description: '软硬件投资额（万元，不含土地、厂房）' })
  investment?: NumberFactView;
  @ApiProperty({ type: CreditRatingFactView, required: false, description: '信用等级' })
  creditRating?: CreditRatingFactView;
  @ApiProperty({ type: ViolationsFactView, required: false, description: '回溯期内违法违规情况' })
  violations?: ViolationsFactView;
  @ApiProperty({ type: BooleanFactView, required: false, description: '是否独立法人' })
  independentLegalPerson?: BooleanFactView;
  @ApiProperty({ type: DateFactView, required: false, description: '项目建成（投产）日期' })
  completionDate?: DateFactView;
}

export function factsView(facts: EligibilityFacts): EligibilityFactsView {
  const { creditRating, ...rest } = facts;
  return {
    ...rest,
    ...(creditRating ? { creditRating: { ...creditRating, valueName: CREDIT_RATING_NAMES[creditRating.value] } } : {}),
  };
}
