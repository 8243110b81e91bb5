import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../app-error';
import { defineErrors, ERROR_TABLES } from '../error-table';

describe('defineErrors', () => {
  const Errors = defineErrors('core_test', {
    thing_missing: { status: 404, message: (what: string) => `${what}不存在` },
    score_off_scale: { status: 400, message: (value: number) => `分值 ${value} 不在评分档位中` },
  });

  it('raises an AppError with the status and the message built from the arguments', () => {
    const error = Errors.raise('thing_missing', '评审任务');
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'thing_missing', status: 404, message: '评审任务不存在', details: [] });
  });

  it('names the field in a one-field error', () => {
    const error = Errors.field('score_off_scale', 'scores[2].score', 0.7);
    expect(error.details).toEqual([
      { field: 'scores[2].score', code: 'score_off_scale', message: '分值 0.7 不在评分档位中' },
    ]);
  });

  it('refuses a code that is not snake_case or a status that is not an error', () => {
    expect(() => defineErrors('bad', { BadCode: { status: 400, message: () => 'x' } })).toThrow(/snake_case/);
    expect(() => defineErrors('bad', { ok_code: { status: 200, message: () => 'x' } })).toThrow(/status/);
  });
});

describe('error codes across contexts', () => {
  // Every libs/<context>/src/<name>.errors.ts registers its table when loaded.
  const libs = join(__dirname, '..', '..', '..');
  const files = readdirSync(libs).flatMap((lib) => {
    const src = join(libs, lib, 'src');
    try {
      return readdirSync(src)
        .filter((name) => name.endsWith('.errors.ts'))
        .map((name) => join(src, name));
    } catch {
      return [];
    }
  });

  it('are unique: no two contexts declare the same code', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    for (const file of files) require(file);
    const owners = new Map<string, string[]>();
    for (const [context, specs] of ERROR_TABLES) {
      if (context === 'core_test' || context === 'bad') continue;
      for (const code of Object.keys(specs)) owners.set(code, [...(owners.get(code) ?? []), context]);
    }
    const shared = [...owners].filter(([, contexts]) => contexts.length > 1);
    expect(shared).toEqual([]);
  });
});
