import { StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** How every workbook route documents its answer. */
export const XLSX_RESPONSE = { content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } } as const;

export function sendXlsx(reply: FastifyReply, name: string, body: Buffer) {
  reply.header('Content-Type', XLSX);
  reply.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
  return new StreamableFile(body);
}
