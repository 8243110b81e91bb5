import { ParseUUIDPipe } from '@nestjs/common';
import { badRequest } from './app-error';

/** For `:id` route params: a malformed id is a 400 with a Chinese message, never a query. */
export const IdPipe = new ParseUUIDPipe({
  version: '4',
  exceptionFactory: () => badRequest('invalid_id', '编号格式不正确（应为 UUID）'),
});
