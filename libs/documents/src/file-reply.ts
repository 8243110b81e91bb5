import { PassThrough, type Writable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { DocumentRecord } from './entities/document.entity';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `Content-Disposition` for a download with a Chinese file name (RFC 6266 / 5987). */
export const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/** A stored document when it is rendered for the current input, or the status of its rendering. */
export type DocumentContent<Pending> =
  { ready: DocumentRecord; stream: NodeJS.ReadableStream; fileName: string } | { pending: Pending };

/**
 * The one answer of every PDF download route: the file (private, not cached, its sha256 as ETag,
 * never sniffed) when it is ready, else 202 with the rendering's status.
 */
export function pdfOrPending<Pending>(out: DocumentContent<Pending>, reply: FastifyReply): StreamableFile | Pending {
  if ('pending' in out) {
    reply.status(202);
    return out.pending;
  }
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('Cache-Control', 'private, no-store');
  reply.header('ETag', `"${out.ready.sha256}"`);
  return new StreamableFile(out.stream as never, {
    type: 'application/pdf',
    length: out.ready.size!,
    disposition: attachment(out.fileName),
  });
}

/** A workbook streamed as it is written (exceljs' WorkbookWriter), with the same download headers. */
export function xlsxStream(fileName: string, write: (out: Writable) => Promise<void>, reply: FastifyReply) {
  const body = new PassThrough();
  write(body).catch((e: unknown) => body.destroy(e as Error));
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('Cache-Control', 'private, no-store');
  return new StreamableFile(body, { type: XLSX, disposition: attachment(fileName) });
}
