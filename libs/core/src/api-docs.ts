import { applyDecorators, Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/*
 * The OpenAPI contract's shared pieces: the one error body every failure leaves as, a decorator
 * that documents the error statuses a route can return with it, and the one list envelope.
 */

export class ErrorDetailView {
  @ApiPropertyOptional({
    description: '出错的请求字段或查询参数路径，如 declarations[3].status',
    example: 'regionCode',
  })
  field?: string;

  @ApiProperty({ description: '稳定的错误代码', example: 'invalid_region_code' })
  code: string;

  @ApiProperty({ description: '中文说明，指明字段与要求', example: '“所在区县”应为浙江省的区县级行政区划代码' })
  message: string;
}

export class ErrorBodyView {
  @ApiProperty({ description: '稳定的错误代码（机器可读）', example: 'validation_failed' })
  code: string;

  @ApiProperty({ description: '中文错误说明（可直接展示）', example: '“企业名称”为必填项' })
  message: string;

  @ApiProperty({ type: [ErrorDetailView], description: '逐字段的错误（无则为空数组）' })
  details: ErrorDetailView[];

  @ApiProperty({ description: '请求编号（响应头 X-Request-Id 同值），反馈问题时请提供' })
  requestId: string;
}

const ERROR_MEANINGS: Record<number, string> = {
  400: '请求参数不正确（validation_failed 等，details 逐字段说明）',
  401: '未登录或登录已失效（unauthorized）',
  403: '当前角色无权执行，或须先修改初始密码（forbidden、password_change_required）',
  404: '资源不存在或无权访问（not_found；他人的资源与不存在的编号回答相同）',
  409: '与当前状态冲突（如 invalid_transition、application_not_editable），message 说明当前状态',
  413: '请求体或上传文件超过大小限制（payload_too_large、file_too_large）',
  415: '不支持的内容类型（unsupported_media_type）',
  429: '请求过于频繁（too_many_requests）',
  503: '依赖服务暂不可用（queue_unavailable 等），稍后重试',
};

export type ErrorStatus = keyof typeof ERROR_MEANINGS;

/** Documents error statuses with the shared error body; usable on a controller (every route) or a route. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, type: ErrorBodyView, description: ERROR_MEANINGS[status] ?? '错误' }),
    ),
  );
}

/** What every authenticated route can answer before it runs: no session (401), wrong role (403). */
export const ApiAuthErrors = () => ApiErrors(401, 403);

const pages = new Map<Type<unknown>, Type<unknown>>();

/**
 * The one list envelope `{ items, total, page, pageSize }` as a named schema per item view
 * (`ApplicationView` → `ApplicationPage`), so generated clients get typed items.
 */
export function PageOf<T>(item: Type<T>): Type<{ items: T[]; total: number; page: number; pageSize: number }> {
  const cached = pages.get(item);
  if (cached) return cached as never;
  class PageView {
    @ApiProperty({ type: [item], description: '本页条目' })
    items: T[];

    @ApiProperty({ type: 'integer', description: '符合条件的总条数', example: 42 })
    total: number;

    @ApiProperty({ type: 'integer', description: '页码（从 1 开始）', example: 1 })
    page: number;

    @ApiProperty({ type: 'integer', description: '每页条数', example: 20 })
    pageSize: number;
  }
  Object.defineProperty(PageView, 'name', { value: `${item.name.replace(/View$/, '')}Page` });
  pages.set(item, PageView);
  return PageView as never;
}
