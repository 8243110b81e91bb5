import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessErrors, AppError } from '@ff/core';

export interface ErrorBody {
  code: string;
  message: string;
  details: { field?: string; code: string; message: string }[];
  requestId?: string;
}

const BY_STATUS: Record<number, [string, string]> = {
  400: ['bad_request', '请求格式不正确'],
  401: ['unauthorized', '未登录或登录已失效，请重新登录'],
  403: ['forbidden', AccessErrors.specs.forbidden.message()],
  404: ['not_found', '请求的资源不存在'],
  405: ['method_not_allowed', '不支持该请求方法'],
  406: ['not_acceptable', '无法提供请求的格式'],
  409: ['conflict', '操作与当前状态冲突'],
  413: ['payload_too_large', '请求内容过大'],
  415: ['unsupported_media_type', '不支持的内容类型'],
  429: ['too_many_requests', '请求过于频繁，请稍后再试'],
  503: ['service_unavailable', '服务暂不可用，请稍后重试'],
};

/** Errors Fastify raises before a route runs (body parsing, limits). */
const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'malformed_json', '请求体不是有效的 JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'malformed_json', '请求体为空，应为 JSON'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large', '请求体过大'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', '不支持的请求内容类型'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad_request', '请求长度不正确'],
  FST_REQ_FILE_TOO_LARGE: [413, 'file_too_large', '上传文件超过大小限制'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [415, 'unsupported_media_type', '上传请使用 multipart/form-data'],
  FST_FILES_LIMIT: [413, 'too_many_files', '一次只能上传一个文件'],
  FST_PARTS_LIMIT: [413, 'too_many_parts', '上传内容的字段过多'],
};

// Connection-level failures (PostgreSQL restarting, shutting down, unreachable): the transaction
// did not commit, so the client may simply retry — a 503, not a 500.
const DB_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03']);
const DB_DOWN_MESSAGE =
  /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection/i;

function isDatabaseUnavailable(e: unknown): boolean {
  for (
    let err = e as { code?: string; message?: string; driverError?: unknown } | undefined, i = 0;
    err && i < 3;
    i++
  ) {
    if (
      (err.code && (DB_DOWN_CODES.has(err.code) || err.code.startsWith('08'))) ||
      DB_DOWN_MESSAGE.test(err.message ?? '')
    )
      return true;
    err = err.driverError as typeof err;
  }
  return false;
}

export function toErrorBody(exception: unknown): { status: number; body: ErrorBody } {
  if (exception instanceof AppError) {
    return {
      status: exception.status,
      body: { code: exception.code, message: exception.message, details: exception.details },
    };
  }
  if (exception instanceof HttpException) {
    // Nest wraps errors Fastify raised before the route ran (body parsing, limits); unwrap them.
    const cause = (exception.cause as { code?: string } | undefined)?.code;
    if (cause && FASTIFY_CODES[cause]) {
      const [status, code, message] = FASTIFY_CODES[cause];
      return { status, body: { code, message, details: [] } };
    }
    const status = exception.getStatus();
    const response = exception.getResponse() as { status?: string; details?: unknown };
    // Terminus reports a failing health check as a 503 whose body is the check result: keep it.
    if (status === 503 && response?.status === 'error' && response.details) {
      return { status, body: response as unknown as ErrorBody };
    }
    const [code, message] = BY_STATUS[status] ?? ['http_error', '请求无法处理'];
    return { status, body: { code, message, details: [] } };
  }
  // Fastify's JSON parser rejects a malformed body with a SyntaxError carrying statusCode 400.
  if (exception instanceof SyntaxError && (exception as { statusCode?: number }).statusCode === 400) {
    return { status: 400, body: { code: 'malformed_json', message: '请求体不是有效的 JSON', details: [] } };
  }
  const fastifyCode = (exception as { code?: string })?.code;
  if (fastifyCode && FASTIFY_CODES[fastifyCode]) {
    const [status, code, message] = FASTIFY_CODES[fastifyCode];
    return { status, body: { code, message, details: [] } };
  }
  const status = (exception as { statusCode?: number })?.statusCode;
  if (status && status >= 400 && status < 500) {
    const [code, message] = BY_STATUS[status] ?? ['bad_request', '请求无法处理'];
    return { status, body: { code, message, details: [] } };
  }
  if (isDatabaseUnavailable(exception)) {
    return {
      status: 503,
      body: { code: 'database_unavailable', message: '数据库暂不可用，本次操作未生效，请稍后重试', details: [] },
    };
  }
  return { status: 500, body: { code: 'internal_error', message: '服务器内部错误，请稍后重试', details: [] } };
}

/** Every error leaves as `{ code, message, details[] }` with a Chinese message. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const { status, body } = toErrorBody(exception);
    // Say which limit a too-large body broke: routes may have their own.
    const limit = (request as { routeOptions?: { bodyLimit?: number } } | undefined)?.routeOptions?.bodyLimit;
    if (status === 413 && body.code === 'payload_too_large' && limit && body.message === '请求体过大') {
      body.message = `请求体过大（本接口上限 ${(limit / 1024 / 1024).toFixed(1)} MB）`;
    }
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    void reply.status(status).send({ ...body, requestId: request?.id });
  }
}
