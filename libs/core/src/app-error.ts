/**
 * The one error type of the system. Every failure a client can cause carries a stable
 * machine code, an HTTP status and a Chinese message that names what was wrong; the API's
 * exception filter renders it as `{ code, message, details[] }`.
 */
export interface ErrorDetail {
  /** Field path in the request, e.g. `declarations[3].status`, when the error is about one. */
  field?: string;
  code: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, details: ErrorDetail[] = []) =>
  new AppError(code, 400, message, details);

export const validationFailed = (details: ErrorDetail[]) =>
  new AppError(
    'validation_failed',
    400,
    details.length === 1 ? details[0].message : `请求参数有 ${details.length} 处错误`,
    details,
  );

export const unauthorized = (code = 'unauthorized', message = '未登录或登录已失效，请重新登录') =>
  new AppError(code, 401, message);

/** Used for resources the caller may not see as well, so a guessed id reveals nothing. */
export const notFound = (what: string) => new AppError('not_found', 404, `${what}不存在或无权访问`);

export const conflict = (code: string, message: string) => new AppError(code, 409, message);

export const payloadTooLarge = (message: string) => new AppError('payload_too_large', 413, message);

export const unsupportedMedia = (message: string) => new AppError('unsupported_media_type', 415, message);

export const tooManyRequests = (message: string) => new AppError('too_many_requests', 429, message);

export const serviceUnavailable = (code: string, message: string) => new AppError(code, 503, message);
