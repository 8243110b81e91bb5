import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import type { ErrorDetail } from '@ff/core';
import { getRuleSet } from '@ff/rules';
import { CreateExpertDto } from './dto/expert.dto';

/**
 * The expert spreadsheet as data: one column table read by the parser and written by the template,
 * so the two never disagree. Parsing is pure — rows in, records and per-cell Chinese errors out —
 * and the service applies the records in one transaction only when there is no error at all.
 */
export interface ImportColumn {
  header: string;
  key: keyof CreateExpertDto | 'primary' | 'secondary';
  required: boolean;
  note: string;
}

export const EXPERT_COLUMNS: ImportColumn[] = [
  { header: '用户名', key: 'username', required: true, note: '登录用户名，3至64位字母、数字、下划线、点或连字符' },
  { header: '姓名', key: 'name', required: true, note: '' },
  { header: '职称', key: 'title', required: true, note: '' },
  { header: '电子邮箱', key: 'email', required: false, note: '' },
  { header: '工作单位', key: 'employerName', required: true, note: '' },
  { header: '单位统一社会信用代码', key: 'employerCreditCode', required: false, note: '有则必填' },
  { header: '所属集团', key: 'employerGroup', required: false, note: '同集团视为同单位回避' },
  { header: '工作地行政区划代码', key: 'regionCode', required: true, note: '浙江省市级或区县级代码' },
  { header: '主要能力域', key: 'primary', required: true, note: '能力域名称或代码，多个用顿号或逗号分隔' },
  { header: '次要能力域', key: 'secondary', required: false, note: '同上' },
  { header: '行业经验', key: 'industryModes', required: false, note: '离散、流程' },
  { header: '行业标签', key: 'tags', required: false, note: '多个用顿号或逗号分隔' },
  { header: '每轮任务上限', key: 'maxTasksPerRound', required: false, note: '缺省 10' },
];

const split = (s: string) =>
  s
    .split(/[,，、;；\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

const INDUSTRY: Record<string, string> = {
  离散: 'discrete',
  离散行业: 'discrete',
  流程: 'process',
  流程行业: 'process',
};

function domainCode(token: string): string {
  const d = getRuleSet().domains.find((x) => x.code === token || x.name === token);
  return d?.code ?? token;
}

function flatten(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map(() => ({ field: `${prefix}${e.property}`, message: '格式不正确' })),
    ...flatten(e.children ?? [], `${prefix}${e.property}.`),
  ]);
}

export interface ParsedExperts {
  records: { row: number; dto: CreateExpertDto }[];
  errors: ErrorDetail[];
}

/** `rows[0]` is the header row; cells are strings. Errors name the row and the column header. */
export function parseExpertRows(
  rows: string[][],
  profileErrors: (dto: CreateExpertDto) => ErrorDetail[],
): ParsedExperts {
  const errors: ErrorDetail[] = [];
  const header = (rows[0] ?? []).map((h) => h.trim());
  const index = new Map(EXPERT_COLUMNS.map((c) => [c.key, header.indexOf(c.header)]));
  for (const c of EXPERT_COLUMNS.filter((c) => c.required && index.get(c.key)! < 0))
    errors.push({ field: c.header, code: 'column_missing', message: `缺少必填列“${c.header}”` });
  if (errors.length) return { records: [], errors };

  const records: ParsedExperts['records'] = [];
  const usernames = new Map<string, number>();
  rows.slice(1).forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => !c.trim())) return;
    const cell = (key: ImportColumn['key']) => (index.get(key)! >= 0 ? (cells[index.get(key)!] ?? '').trim() : '');
    const at = (key: ImportColumn['key']) => `第${row}行“${EXPERT_COLUMNS.find((c) => c.key === key)!.header}”`;
    const rowErrors: ErrorDetail[] = [];
    for (const c of EXPERT_COLUMNS)
      if (c.required && !cell(c.key))
        rowErrors.push({ field: at(c.key), code: 'required', message: `${at(c.key)}不能为空` });
    const industries = split(cell('industryModes')).map((t) => INDUSTRY[t] ?? t);
    const cap = cell('maxTasksPerRound');
    const plain = {
      username: cell('username'),
      name: cell('name'),
      title: cell('title'),
      email: cell('email') || undefined,
      employerName: cell('employerName'),
      employerCreditCode: cell('employerCreditCode') || undefined,
      employerGroup: cell('employerGroup') || undefined,
      regionCode: cell('regionCode'),
      expertise: [
        ...split(cell('primary')).map((t) => ({ domain: domainCode(t), level: 'primary' })),
        ...split(cell('secondary')).map((t) => ({ domain: domainCode(t), level: 'secondary' })),
      ],
      industryModes: industries,
      tags: split(cell('tags')),
      maxTasksPerRound: cap ? Number(cap) : undefined,
    };
    const dto = plainToInstance(CreateExpertDto, plain);
    if (!rowErrors.length) {
      const headerOf = (field: string) => {
        const key = field.split('.')[0] === 'expertise' ? 'primary' : field.split('.')[0];
        return EXPERT_COLUMNS.find((c) => c.key === key)?.header ?? field;
      };
      for (const v of flatten(validateSync(dto)))
        rowErrors.push({
          field: `第${row}行“${headerOf(v.field)}”`,
          code: 'invalid',
          message: `第${row}行“${headerOf(v.field)}”${v.message}`,
        });
      for (const e of profileErrors(dto)) {
        const h = headerOf(e.field ?? '');
        rowErrors.push({ field: `第${row}行“${h}”`, code: e.code, message: `第${row}行：${e.message}` });
      }
    }
    const first = usernames.get(plain.username.toLowerCase());
    if (plain.username && first)
      rowErrors.push({ field: at('username'), code: 'duplicate', message: `${at('username')}与第${first}行重复` });
    usernames.set(plain.username.toLowerCase(), first ?? row);
    errors.push(...rowErrors);
    if (!rowErrors.length) records.push({ row, dto });
  });
  if (!records.length && !errors.length) errors.push({ field: 'file', code: 'empty', message: '专家名单中没有数据行' });
  return { records, errors };
}
