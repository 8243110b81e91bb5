import { ValidationPipe } from '@nestjs/common';
import { validationFailed } from '@ff/core';
import { toErrorDetails } from './validation-messages';

/** Unknown fields are refused (no mass assignment), types are converted, errors are Chinese. */
export const validationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(toErrorDetails(errors)),
  });
