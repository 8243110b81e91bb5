import type { ArgumentMetadata } from '@nestjs/common';
import { AppError } from '@ff/core';
import { CreateUserDto } from '../../../../../libs/identity/src/dto/user.dto';
import { CreateBatchDto, BatchListQuery } from '../../../../../libs/batches/src/dto/batch.dto';
import { EnterpriseListQuery } from '../../../../../libs/enterprises/src/dto/enterprise.dto';
import { validationPipe } from '../validation.pipe';

const pipe = validationPipe();

async function refusal(
  value: unknown,
  metatype: ArgumentMetadata['metatype'],
  type: ArgumentMetadata['type'] = 'body',
) {
  try {
    await pipe.transform(value, { type, metatype });
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).details;
  }
  throw new Error('accepted');
}

describe('validation messages a person can act on', () => {
  it('names a missing field by its Chinese label, once, as 为必填项', async () => {
    const details = await refusal({ username: 'abc', password: 'x', role: 'admin' }, CreateUserDto);
    expect(details).toEqual([{ field: 'displayName', code: 'required', message: '“姓名或单位名称”为必填项' }]);
  });

  it('gives both bounds of a length', async () => {
    const details = await refusal({ username: 'abc', displayName: '', password: 'x', role: 'admin' }, CreateUserDto);
    expect(details).toEqual([
      { field: 'displayName', code: 'isLength', message: '“姓名或单位名称”长度应为 1 至 100 个字符' },
    ]);
  });

  it('lists the allowed values of an enum and says what a pattern wants', async () => {
    const details = await refusal({ username: 'a b', displayName: '张三', password: 'x', role: 'boss' }, CreateUserDto);
    expect(details).toEqual([
      {
        field: 'username',
        code: 'matches',
        message: '“用户名”格式不正确，应为3至64位字母、数字、下划线、点或连字符',
      },
      {
        field: 'role',
        code: 'isIn',
        message: '“角色”的取值应为以下之一：enterprise、recommender、expert、official、admin',
      },
    ]);
  });

  it('reports only the type when a value has the wrong type', async () => {
    const details = await refusal({ username: 12, displayName: '张三', password: 'x', role: 'admin' }, CreateUserDto);
    expect(details).toEqual([{ field: 'username', code: 'isString', message: '“用户名”必须是文本' }]);
  });

  it('names nested fields by label and path', async () => {
    const details = await refusal(
      {
        code: '2026-1',
        title: '测试批次',
        tiers: ['workshop'],
        submissionOpensAt: '2026-03-01T09:00:00+08:00',
        submissionClosesAt: '2026-04-01T09:00:00+08:00',
        precheckPolicy: { minNarrativeLength: 5000 },
      },
      CreateBatchDto,
    );
    expect(details).toEqual([
      {
        field: 'precheckPolicy.minNarrativeLength',
        code: 'max',
        message: '“自评说明最少字数”（precheckPolicy.minNarrativeLength）不能大于 2000',
      },
    ]);
  });

  it('accepts a partial policy object (the service merges it with the defaults)', async () => {
    const dto = await pipe.transform(
      {
        code: '2026-1',
        title: '测试批次',
        tiers: ['workshop'],
        submissionOpensAt: '2026-03-01T09:00:00+08:00',
        submissionClosesAt: '2026-04-01T09:00:00+08:00',
        precheckPolicy: { minNarrativeLength: 50 },
        scoringPolicy: { thresholds: { future_factory: 0.85 } },
      },
      { type: 'body', metatype: CreateBatchDto },
    );
    expect(dto.precheckPolicy).toEqual({ minNarrativeLength: 50 });
  });

  it('calls an unknown query parameter a 查询参数, an unknown body field a 提交字段', async () => {
    expect(await refusal({ regionCod: '330100' }, EnterpriseListQuery, 'query')).toEqual([
      { field: 'regionCod', code: 'whitelistValidation', message: '不支持查询参数“regionCod”' },
    ]);
    expect(
      await refusal(
        { username: 'abc', displayName: '张三', password: 'x', role: 'admin', isAdmin: true },
        CreateUserDto,
      ),
    ).toEqual([{ field: 'isAdmin', code: 'whitelistValidation', message: '不允许提交字段“isAdmin”' }]);
  });

  it('takes a multi-value status repeated or comma-separated, and types page as an integer', async () => {
    const q = await pipe.transform({ status: 'open,closed', page: '2' }, { type: 'query', metatype: BatchListQuery });
    expect(q).toMatchObject({ status: ['open', 'closed'], page: 2 });
    const r = await pipe.transform({ status: ['open', 'draft'] }, { type: 'query', metatype: BatchListQuery });
    expect(r.status).toEqual(['open', 'draft']);
    expect(await refusal({ status: 'open,shut' }, BatchListQuery, 'query')).toEqual([
      { field: 'status', code: 'isIn', message: '“状态”的取值应为以下之一：draft、open、closed' },
    ]);
  });
});
