import { ParseUUIDPipe } from '@nestjs/common';
import { InputErrors } from './input.errors';

/** For `:id` route params: a malformed id is a 400 with a Chinese message, never a query. */
export const IdPipe = new ParseUUIDPipe({
  version: '4',
  exceptionFactory: () => InputErrors.raise('invalid_id'),
});
