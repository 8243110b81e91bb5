import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

const TIERS = ['workshop', 'smart_factory', 'future_factory'] as const;
const INDUSTRIES = ['discrete', 'process'] as const;
const STATUSES = ['met', 'partial', 'not_met'] as const;
const CONSTRUCTION_TYPES = ['innovation_pioneer', 'cluster_flagship', 'chain_leader', 'platform_transformer'] as const;

export class DeclarationDto {
  @ApiProperty({ description: '条款编号（见规则目录）', example: 'sd01.ff.a' })
  @IsString()
  @MaxLength(40)
  clauseId: string;

  @ApiProperty({ enum: STATUSES, description: '自评状态：met 满足 / partial 部分满足 / not_met 不满足' })
  @IsIn(STATUSES)
  status: (typeof STATUSES)[number];

  @ApiProperty({ description: '自评说明' })
  @IsString()
  @MaxLength(5000)
  narrative: string;

  @ApiProperty({ type: [String], description: '佐证材料引用（文件编号或哈希）' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  evidence: string[];
}

export class EvaluateSubmissionDto {
  @ApiPropertyOptional({ description: '规则版本，缺省为当前版本' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  ruleSetVersion?: string;

  @ApiProperty({ enum: TIERS, description: '申报等级' })
  @IsIn(TIERS)
  tier: (typeof TIERS)[number];

  @ApiProperty({ enum: INDUSTRIES, description: '行业类型：discrete 离散行业 / process 流程行业' })
  @IsIn(INDUSTRIES)
  industry: (typeof INDUSTRIES)[number];

  @ApiPropertyOptional({ enum: CONSTRUCTION_TYPES, description: '建设类型（未来工厂必填）' })
  @IsOptional()
  @IsIn(CONSTRUCTION_TYPES)
  constructionType?: (typeof CONSTRUCTION_TYPES)[number];

  @ApiPropertyOptional({ description: '企业画像（表15 基础要求等事实）', type: Object })
  @IsOptional()
  @IsObject()
  profile?: Record<string, unknown>;

  @ApiProperty({ type: [DeclarationDto], description: '逐条自评' })
  @IsArray()
  @ArrayMaxSize(400)
  @ValidateNested({ each: true })
  @Type(() => DeclarationDto)
  declarations: DeclarationDto[];
}
