import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { findRegion } from '@ff/regions';
import type { Expert } from '../entities/expert.entity';
import { ExpertiseDto, RelationshipDto, UnavailablePeriodDto } from './expert.dto';

export class ExpertView {
  @ApiProperty() id: string;
  @ApiProperty() userId: string;
  @ApiProperty() name: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ type: String, nullable: true }) email: string | null;
  @ApiProperty() employerName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) employerCreditCode: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) employerGroup: string | null;
  @ApiProperty() regionCode: string;
  @ApiPropertyOptional({ type: String, nullable: true }) regionName: string | null;
  @ApiProperty({ type: [ExpertiseDto] }) expertise: ExpertiseDto[];
  @ApiProperty({ type: [String] }) industryModes: string[];
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty() maxTasksPerRound: number;
  @ApiProperty({ type: [UnavailablePeriodDto] }) unavailable: UnavailablePeriodDto[];
  @ApiProperty({ type: [RelationshipDto] }) relationships: RelationshipDto[];
  @ApiProperty() active: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

export class CreatedExpertView extends ExpertView {
  @ApiProperty() username: string;
  @ApiProperty({ description: '一次性初始密码：仅此一次返回，专家首次登录须修改' })
  initialPassword: string;
}

export class ExpertPage {
  @ApiProperty({ type: [ExpertView] }) items: ExpertView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class ExpertImportView {
  @ApiProperty({ description: '导入的专家数' }) imported: number;
  @ApiProperty({ type: [CreatedExpertView] }) experts: CreatedExpertView[];
}

export const toExpertView = (e: Expert): ExpertView => ({
  id: e.id,
  userId: e.userId,
  name: e.name,
  title: e.title,
  email: e.email,
  employerName: e.employerName,
  employerCreditCode: e.employerCreditCode,
  employerGroup: e.employerGroup,
  regionCode: e.regionCode,
  regionName: findRegion(e.regionCode)?.name ?? null,
  expertise: e.expertise,
  industryModes: e.industryModes,
  tags: e.tags,
  maxTasksPerRound: e.maxTasksPerRound,
  unavailable: e.unavailable,
  relationships: e.relationships as RelationshipDto[],
  active: e.active,
  version: e.version,
  updatedAt: e.updatedAt,
});
