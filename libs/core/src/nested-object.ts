import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';

/**
 * One nested object of the given DTO class, validated member by member. `ValidateNested` alone
 * also accepts an array of such objects (validating each), which would then be stored as
 * `{"0": …}`; `IsObject` refuses arrays.
 */
export function NestedObject(type: () => new () => object): PropertyDecorator {
  return applyDecorators(IsObject(), ValidateNested(), Type(type));
}
