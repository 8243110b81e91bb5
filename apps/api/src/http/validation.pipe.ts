import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { validationFailed } from '@ff/core';
import { InputLocation, toErrorDetails } from './validation-messages';

/** Carries class-validator's errors out of the factory, so `transform` can word them for their location. */
class RawValidationErrors {
  constructor(readonly errors: ValidationError[]) {}
}

/**
 * Unknown fields are refused (no mass assignment), types are converted, errors are Chinese and
 * say whether a body field or a query parameter was wrong.
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata) {
    try {
      return await super.transform(value, metadata);
    } catch (e) {
      if (!(e instanceof RawValidationErrors)) throw e;
      throw validationFailed(toErrorDetails(e.errors, metadata.type as InputLocation));
    }
  }
}

export const validationPipe = () =>
  new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // Target and value stay on the server: they tell a missing field from a wrong one, and the bounds.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => new RawValidationErrors(errors),
  });
