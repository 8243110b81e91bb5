import { ApiProperty } from '@nestjs/swagger';

export class EvidenceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ description: '文件名（扩展名按识别出的类型）', example: '设备清单.pdf' }) name: string;
  @ApiProperty({ description: '按内容识别的类型', example: 'application/pdf' }) mediaType: string;
  @ApiProperty({ type: 'integer', description: '字节数' }) size: number;
  @ApiProperty({ description: 'SHA-256（同一申报中相同内容只存一条）' }) sha256: string;
  @ApiProperty({ format: 'date-time', description: 'UTC' }) createdAt: Date;
}
