import { writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inlineStringWorkbook } from '../../../../test/support/imports';
import { streamWorkbook } from '../workbook-file';

describe('streamWorkbook', () => {
  it('reads every sheet of an inline-string workbook whose sheets precede the workbook part', async () => {
    const path = join(tmpdir(), `wb-${process.pid}.xlsx`);
    writeFileSync(
      path,
      await inlineStringWorkbook({
        自评: [
          ['a', 1],
          ['b', { f: 'X()', v: '2' }],
        ],
        企业信息: [['c']],
      }),
    );
    const seen: unknown[] = [];
    try {
      await streamWorkbook(path, (sheet, row, values) => {
        seen.push([sheet, row, values.slice(1)]);
      });
    } finally {
      rmSync(path);
    }
    expect(seen).toEqual([
      ['自评', 1, ['a', 1]],
      ['自评', 2, ['b', { formula: 'X()', result: '2' }]],
      ['企业信息', 1, ['c']],
    ]);
  });
});
