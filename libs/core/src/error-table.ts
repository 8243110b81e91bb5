import { AppError, ErrorDetail } from './app-error';

/**
 * Each bounded context declares the errors it can raise in one table, in its own
 * `<context>.errors.ts`: a stable code → the HTTP status and a Chinese message built from the
 * arguments. Services raise them through the table, so a code is written once, its status never
 * drifts, and a unit test can check that no two contexts claim the same code.
 *
 *   export const ReviewErrors = defineErrors('reviews', {
 *     task_not_open: { status: 409, message: (status: string) => `评审任务当前状态为“${status}”，不能提交` },
 *   });
 *   throw ReviewErrors.raise('task_not_open', '已提交');
 *   throw ReviewErrors.field('score_off_scale', 'scores[2].score', 0.7);   // a one-field 400
 */
// The arguments of a message are whatever its context needs; the table keeps them typed per code.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ErrorMessage = (...args: any[]) => string;

export interface ErrorSpec<M extends ErrorMessage = ErrorMessage> {
  status: number;
  message: M;
}

export interface ErrorTable<T extends Record<string, ErrorSpec>> {
  readonly context: string;
  readonly specs: T;
  /** The error for `code`, its message built from `args`. */
  raise<K extends keyof T & string>(code: K, ...args: Parameters<T[K]['message']>): AppError;
  /** The same error, with one detail naming the request field it is about. */
  field<K extends keyof T & string>(code: K, field: string, ...args: Parameters<T[K]['message']>): AppError;
  /** The same error with any number of details. */
  withDetails<K extends keyof T & string>(
    code: K,
    details: ErrorDetail[],
    ...args: Parameters<T[K]['message']>
  ): AppError;
}

/** Every table defined in this process, by context — read by the uniqueness test and the OpenAPI document. */
export const ERROR_TABLES = new Map<string, Record<string, ErrorSpec>>();

export function defineErrors<T extends Record<string, ErrorSpec>>(context: string, specs: T): ErrorTable<T> {
  for (const [code, spec] of Object.entries(specs)) {
    if (!/^[a-z][a-z0-9_]*$/.test(code)) throw new Error(`error code “${code}” of ${context} is not snake_case`);
    if (spec.status < 400 || spec.status > 599)
      throw new Error(`error code “${code}” of ${context} has no error status`);
  }
  ERROR_TABLES.set(context, specs);
  const make = (code: string, details: ErrorDetail[], args: unknown[]) => {
    const spec = specs[code];
    const message = spec.message(...args);
    return new AppError(code, spec.status, message, details);
  };
  return {
    context,
    specs,
    raise: (code, ...args) => make(code, [], args),
    field: (code, field, ...args) => {
      const message = specs[code].message(...args);
      return new AppError(code, specs[code].status, message, [{ field, code, message }]);
    },
    withDetails: (code, details, ...args) => make(code, details, args),
  };
}
