import type { FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';
import { AppError, InputErrors, assertText, unsupportedMedia } from '@ff/core';
import type { FileStorage, StoredFile } from './file-storage.port';
import { StorageErrors } from './storage.errors';

export interface ReceivedFile {
  stored: StoredFile;
  /** As the client named it; checked against the text policy (one line, no controls, no bidi). */
  filename: string;
}

/** busboy's words for a body that is not well-formed multipart (cut short, broken headers). */
const MALFORMED = /unexpected end|malformed|boundary|multipart/i;

function translate(e: unknown): unknown {
  if (e instanceof AppError) return e;
  const code = (e as { code?: string }).code;
  if (code === 'FST_FILES_LIMIT') return StorageErrors.raise('too_many_files');
  if (code === 'FST_MP_PREMATURE_CLOSE' || code === 'FST_PROTO_VIOLATION')
    return InputErrors.raise('multipart_malformed');
  if (!code && e instanceof Error && MALFORMED.test(e.message)) return InputErrors.raise('multipart_malformed');
  return e;
}

/**
 * The one file of a multipart upload, streamed into storage. The request is read to its end before
 * the file is kept: a second file is refused (413 `too_many_files`), not silently dropped, and a
 * body cut short is a 400 — in both cases the storage port deletes what it had written. Form
 * fields and the file name meet the text policy.
 */
export async function receiveOneFile(
  req: FastifyRequest,
  storage: FileStorage,
  opts: { field: string; maxBytes: number; accept?: 'evidence' | 'import' },
): Promise<ReceivedFile> {
  if (!req.isMultipart()) throw unsupportedMedia(`请使用 multipart/form-data 上传，文件放在字段 ${opts.field} 中`);
  const parts = req.parts()[Symbol.asyncIterator]();
  const next = async (): Promise<Multipart | undefined> => {
    try {
      const r = await parts.next();
      return r.done ? undefined : r.value;
    } catch (e) {
      throw translate(e);
    }
  };
  const checkField = (part: Multipart) => {
    if (part.type === 'field' && typeof part.value === 'string')
      assertText(part.value, part.fieldname, { multiLine: true });
  };

  let part = await next();
  while (part && part.type !== 'file') {
    checkField(part);
    part = await next();
  }
  if (!part) throw StorageErrors.field('file_required', opts.field, `请在表单字段 ${opts.field} 中上传文件`);
  if (part.fieldname !== opts.field) {
    part.file.resume();
    throw StorageErrors.field(
      'file_required',
      part.fieldname,
      `文件须放在表单字段 ${opts.field} 中（收到的字段为“${part.fieldname}”）`,
    );
  }
  assertText(part.filename, `${opts.field}.filename`, { multiLine: false });
  const file = part.file;

  // The file's bytes, then the rest of the request: put() keeps the file only if both end well.
  async function* fileThenEnd(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of file) yield chunk as Buffer;
    } catch (e) {
      throw translate(e);
    }
    for (let rest = await next(); rest; rest = await next()) {
      if (rest.type === 'file') {
        rest.file.resume();
        throw StorageErrors.raise('too_many_files');
      }
      checkField(rest);
    }
  }
  try {
    const stored = await storage.put(fileThenEnd(), { maxBytes: opts.maxBytes, accept: opts.accept });
    return { stored, filename: part.filename };
  } catch (e) {
    throw translate(e);
  }
}
