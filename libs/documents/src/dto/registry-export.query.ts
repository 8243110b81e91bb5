import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class RegistryExportQuery {
  @ApiPropertyOptional({ description: '只导出该批次的认定；不填导出全部' })
  @IsOptional()
  @IsUUID('4')
  batchId?: string;
}
