/**
 * The catalog checked clause for clause against the requirements document itself. The document is
 * parsed here by a small parser of its own (not the generator, not the library), so a transcription
 * slip in `zj-ff-2025.data.ts` cannot hide behind the code that produced it.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CONSTRUCTION_TYPE_CODES,
  CURRENT_RULE_SET_VERSION,
  INDUSTRY_NAMES,
  TIER_CODES,
  TIER_NAMES,
  TierCode,
  clausesFor,
  describeClause,
  exportCatalog,
  findRuleSet,
  getRuleSet,
  listRuleSetVersions,
  tierRank,
  tierScope,
} from '@ff/rules';
import { ZJ_FF_2025 } from '../zj-ff-2025.data';

const REPO_ROOT = path.resolve(__dirname, '../../../../..');
const DOC_PATH = path.join(REPO_ROOT, 'libs', 'rules', 'data', 'zj-future-factory-requirements.txt');
const SOURCE_DOCUMENT_SHA256 = 'ee7353d88b1064b365b1d57e813e67f81a5fe2094f8d2f82be31e8fae268e006';

// ---------------------------------------------------------------------------------------------
// An independent parser of the document
// ---------------------------------------------------------------------------------------------

type Industry = 'discrete' | 'process';
interface DocClause {
  label: string;
  text: string;
  obligation: 'mandatory' | 'recommended';
  industry: Industry | null;
  hasRecommendedPart: boolean;
}
interface DocTable {
  no: number;
  title: string;
  element: string | null;
  domain: string | null;
  /** Each row is its cells, a cell's lines joined with '\n'. */
  rows: string[][];
}
interface DocSubdomain {
  no: number;
  name: string;
  domain: string;
  element: string;
  cells: Record<TierCode, DocClause[] | null>;
}

/** Words in which 应 is not the modal verb “shall”. */
const NOT_MODAL_YING = ['应用', '供应', '相应', '响应', '应急', '适应', '对应', '反应'];
const INDUSTRY_PREFIXES: Array<[string, Industry]> = [
  ['离散行业：', 'discrete'],
  ['流程行业：', 'process'],
];

function firstModal(text: string): '应' | '宜' | null {
  let masked = text;
  for (const word of NOT_MODAL_YING) masked = masked.split(word).join('＃'.repeat(word.length));
  const m = /[应宜]/.exec(masked);
  return m ? (m[0] as '应' | '宜') : null;
}

function parseClause(label: string, text: string): DocClause {
  const obligation = firstModal(text) === '宜' ? 'recommended' : 'mandatory';
  const prefix = INDUSTRY_PREFIXES.find(([p]) => text.startsWith(p));
  return {
    label,
    text,
    obligation,
    industry: prefix ? prefix[1] : null,
    hasRecommendedPart: obligation === 'mandatory' && text.includes('宜'),
  };
}

function parseCell(cell: string): DocClause[] | null {
  if (cell === '/') return null;
  const lines = cell.split('\n');
  const matches = lines.map((line) => /^([a-z]\d?)）(.+)$/.exec(line));
  if (matches.every((m) => m === null)) {
    if (lines.length !== 1) throw new Error(`an unlettered cell of several lines: ${cell}`);
    return [parseClause('', cell)];
  }
  return matches.map((m, i) => {
    if (!m) throw new Error(`a line without a clause label in a lettered cell: ${lines[i]}`);
    return parseClause(m[1], m[2]);
  });
}

function parseDocument(text: string) {
  const elements: Array<{ name: string; domains: string[] }> = [];
  const tables: DocTable[] = [];
  const sections = new Map<string, string[]>();
  let element: string | null = null;
  let domain: string | null = null;
  let table: DocTable | null = null;
  let row: string[] | null = null;
  let section: string[] = [];

  for (const line of text.split('\n')) {
    if (/^\s*$/.test(line)) {
      row = null;
      continue;
    }
    if (line.startsWith('\t')) {
      if (!table) throw new Error(`a table cell outside any table: ${line}`);
      if (!row) table.rows.push((row = []));
      row.push(line.slice(1));
      continue;
    }
    if (row) {
      row[row.length - 1] += `\n${line}`;
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = /^([一二三四五六七八九十]+)、(.+)$/.exec(line))) {
      // A chapter in Chinese numerals: 五、建设类型
      sections.set(m[1], (section = [m[2]]));
      continue;
    }
    if ((m = /^\s*(\d+(?:\.\d+)*)\s*(\S.*)$/.exec(line)) && /^[\u4e00-\u9fa5]/.test(m[2]) && m[2].length <= 12) {
      // A numbered heading: 3.1省级数字化车间, 4.1 赋能保障, 4.1.1技术支撑 …
      const [, number, title] = m;
      sections.set(number, (section = [title]));
      if (/^4\.\d+$/.test(number)) {
        elements.push({ name: title, domains: [] });
        element = title;
        domain = null;
      }
      if (/^4\.\d+\.\d+$/.test(number)) elements[elements.length - 1].domains.push((domain = title));
      continue;
    }
    if ((m = /^表(\d+)\s*(.+)$/.exec(line))) {
      tables.push((table = { no: Number(m[1]), title: m[2], element, domain, rows: [] }));
      continue;
    }
    section.push(line);
  }
  return { elements, tables, sections };
}

const DOC_TEXT = fs.readFileSync(DOC_PATH, 'utf8');
const doc = parseDocument(DOC_TEXT);
const requirementTables = doc.tables.filter((t) => t.no <= 14);
const table15 = doc.tables.find((t) => t.no === 15)!;

const docSubdomains: DocSubdomain[] = requirementTables.flatMap((t) =>
  t.rows.slice(1).map((cells) => {
    if (cells.length !== 4) throw new Error(`table ${t.no}: a row of ${cells.length} cells: ${cells[0]}`);
    const m = /^(\d+)\.(.+)$/.exec(cells[0]);
    if (!m) throw new Error(`table ${t.no}: a row without a sub-domain number: ${cells[0]}`);
    return {
      no: Number(m[1]),
      name: m[2],
      domain: t.domain!,
      element: t.element!,
      cells: { workshop: parseCell(cells[1]), smart_factory: parseCell(cells[2]), future_factory: parseCell(cells[3]) },
    };
  }),
);

const TIER_ABBR: Record<TierCode, string> = { workshop: 'ws', smart_factory: 'sf', future_factory: 'ff' };
const clauseId = (no: number, tier: TierCode, label: string) =>
  `sd${String(no).padStart(2, '0')}.${TIER_ABBR[tier]}${label ? `.${label}` : ''}`;

const rs = getRuleSet();

// ---------------------------------------------------------------------------------------------

describe('the requirements document', () => {
  it('is parsed into 3 elements, 14 domains and tables 1–15', () => {
    expect(doc.elements).toHaveLength(3);
    expect(doc.elements.flatMap((e) => e.domains)).toHaveLength(14);
    expect(doc.tables.map((t) => t.no)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    requirementTables.forEach((t, i) => {
      expect(t.title).toBe(`${doc.elements.flatMap((e) => e.domains)[i]}的分级建设要求`);
      expect(t.rows[0]).toEqual(['能力子域', TIER_NAMES.workshop, TIER_NAMES.smart_factory, TIER_NAMES.future_factory]);
    });
    expect(docSubdomains.map((s) => s.no)).toEqual(Array.from({ length: 44 }, (_, i) => i + 1));
  });

  it('§2 names each element’s domains, in the order of chapter 4', () => {
    const framework = doc.sections.get('2')!.join('');
    for (const e of doc.elements) {
      const listed = `${e.domains.slice(0, -1).join('、')}和${e.domains[e.domains.length - 1]}`;
      expect(framework).toContain(`${e.name}包括${listed}${e.domains.length}个能力域`);
    }
  });

  it('states in each domain’s introduction as many sub-domains as its table has rows', () => {
    for (const t of requirementTables) {
      const [, ...intro] = [...doc.sections.values()].find((s) => s[0] === t.domain)!;
      const m = new RegExp(`^${t.domain}能力域包括.+?(\\d+)个能力子域`).exec(intro.join(''));
      expect(m).not.toBeNull();
      expect(t.rows.length - 1).toBe(Number(m![1]));
    }
  });

  it('is the source document byte for byte: the sha256 recorded from the province’s file', () => {
    const bundled = fs.readFileSync(DOC_PATH);
    expect(createHash('sha256').update(bundled).digest('hex')).toBe(SOURCE_DOCUMENT_SHA256);
  });
});

describe('catalog vs document: elements, domains, sub-domains', () => {
  it('has the 3 elements, in order, each with its domains', () => {
    const domainName = new Map(ZJ_FF_2025.domains.map((d) => [d.code, d.name]));
    expect(
      ZJ_FF_2025.elements.map((e) => ({ name: e.name, domains: e.domains.map((c) => domainName.get(c)) })),
    ).toEqual(doc.elements);
  });

  it('has the 14 domains, in order, each under its element', () => {
    const elementName = new Map(ZJ_FF_2025.elements.map((e) => [e.code, e.name]));
    const expected = doc.elements.flatMap((e) => e.domains.map((name) => ({ name, element: e.name })));
    expect(ZJ_FF_2025.domains.map((d) => ({ name: d.name, element: elementName.get(d.element) }))).toEqual(expected);
    expect(new Set(ZJ_FF_2025.domains.map((d) => d.code)).size).toBe(14);
  });

  it('has the 44 sub-domains with their numbers, names and domains', () => {
    const domainName = new Map(ZJ_FF_2025.domains.map((d) => [d.code, d.name]));
    expect(ZJ_FF_2025.subdomains.map((s) => ({ no: s.no, name: s.name, domain: domainName.get(s.domain) }))).toEqual(
      docSubdomains.map((s) => ({ no: s.no, name: s.name, domain: s.domain })),
    );
  });

  describe.each(docSubdomains.map((s) => [`${s.no}.${s.name}`, s] as const))('sub-domain %s', (_, expected) => {
    const actual = ZJ_FF_2025.subdomains.find((s) => s.no === expected.no)!;
    it.each(TIER_CODES.map((t) => [TIER_NAMES[t], t] as const))('%s: clause for clause', (_name, tier) => {
      const cell = expected.cells[tier];
      if (cell === null) {
        expect(actual.requirements[tier]).toBeNull();
        return;
      }
      expect(actual.requirements[tier]).toEqual(cell.map((c) => ({ id: clauseId(expected.no, tier, c.label), ...c })));
    });
  });

  it('marks 宜 clauses recommended and holds both kinds of clause, and clauses of both industries', () => {
    const clauses = docSubdomains.flatMap((s) => TIER_CODES.flatMap((t) => s.cells[t] ?? []));
    // The parser must actually see each case, or the clause-for-clause comparison proves little.
    expect(clauses.some((c) => c.obligation === 'recommended')).toBe(true);
    expect(clauses.some((c) => c.hasRecommendedPart)).toBe(true);
    expect(clauses.some((c) => c.label === '')).toBe(true);
    expect(clauses.some((c) => c.obligation === 'mandatory' && firstModal(c.text) === null)).toBe(true);
    for (const [prefix, industry] of INDUSTRY_PREFIXES) {
      expect(prefix).toBe(`${INDUSTRY_NAMES[industry]}：`);
      expect(clauses.filter((c) => c.industry === industry).length).toBeGreaterThan(0);
    }
  });
});

describe('catalog vs document: table 15', () => {
  const [header, ...rows] = table15.rows;
  const row = (name: string) => rows.find((r) => r[0].replace(/\n/g, '') === name)!.slice(1);

  it('has four construction types with the three texts of each', () => {
    expect(header[0]).toBe('评价维度');
    expect(rows.map((r) => r[0].replace(/\n/g, ''))).toEqual(['基础要求', '核心能力', '新技术新模式']);
    expect(ZJ_FF_2025.constructionTypes).toEqual(
      header.slice(1).map((name, i) => ({
        code: CONSTRUCTION_TYPE_CODES[i],
        name,
        basicRequirement: row('基础要求')[i],
        coreCapability: row('核心能力')[i],
        newTechModel: row('新技术新模式')[i],
      })),
    );
  });

  it('names the four types, in the same order, in the text of chapter 五', () => {
    const [title, ...body] = doc.sections.get('五')!;
    expect(title).toBe('建设类型');
    expect(body.join('')).toContain(
      `按照${ZJ_FF_2025.constructionTypes.map((t) => `“${t.name}”`).join('')}四种类型要求`,
    );
  });
});

describe('tier totals', () => {
  const stated = (section: string) => {
    const [title, ...body] = doc.sections.get(section)!;
    const m = /(\d+)[个项]能力域(\d+)[个项]能力子域/.exec(body.join(''));
    return { title, domains: Number(m![1]), subdomains: Number(m![2]) };
  };
  const sectionOf: Record<TierCode, string> = { workshop: '3.1', smart_factory: '3.2', future_factory: '3.3' };

  it.each([...TIER_CODES])('%s: the domains and sub-domains derived from the / cells equal §3', (tier) => {
    const s = stated(sectionOf[tier]);
    expect(s.title).toBe(TIER_NAMES[tier]);
    const scope = tierScope(rs, tier);
    expect({ domains: scope.domains.length, subdomains: scope.subdomains.length }).toEqual({
      domains: s.domains,
      subdomains: s.subdomains,
    });
    // The same figures straight from the parsed tables.
    const required = docSubdomains.filter((d) => d.cells[tier] !== null);
    expect(new Set(required.map((d) => d.domain)).size).toBe(s.domains);
    expect(required).toHaveLength(s.subdomains);
  });

  it('§3 names the domains each tier adds', () => {
    const names = (tier: TierCode) =>
      tierScope(rs, tier).domains.map((c) => rs.domains.find((d) => d.code === c)!.name);
    const body = (section: string) => doc.sections.get(section)!.slice(1).join('');
    expect(body('3.1')).toContain(`围绕${names('workshop').join('、')}${names('workshop').length}个能力域`);
    for (const [tier, lower, section] of [
      ['smart_factory', 'workshop', '3.2'],
      ['future_factory', 'smart_factory', '3.3'],
    ] as const) {
      const added = names(tier).filter((n) => !names(lower).includes(n));
      expect(added.length).toBeGreaterThan(0);
      for (const name of added) expect(body(section)).toMatch(new RegExp(`拓展[^，]*${name}`));
    }
  });

  it('the tiers are nested: a sub-domain required at a tier stays required at every higher one', () => {
    for (const s of rs.subdomains) {
      const required = TIER_CODES.map((t) => s.requirements[t] !== null);
      expect(required).toEqual([...required].sort((a, b) => Number(a) - Number(b)));
    }
    expect(TIER_CODES.map(tierRank)).toEqual([0, 1, 2]);
  });
});

// ---------------------------------------------------------------------------------------------
// Rule-set lookups and the export contract
// ---------------------------------------------------------------------------------------------

describe('rule-set lookups', () => {
  it('lists the one version and finds it, built once', () => {
    expect(listRuleSetVersions()).toEqual([ZJ_FF_2025.version]);
    expect(CURRENT_RULE_SET_VERSION).toBe(ZJ_FF_2025.version);
    expect(findRuleSet()).toBe(findRuleSet(ZJ_FF_2025.version));
    expect(getRuleSet()).toBe(findRuleSet());
    expect(getRuleSet().title).toBe(
      DOC_TEXT.split('\n')
        .find((l) => l.includes('分级建设要求'))!
        .trim(),
    );
  });

  it('returns undefined from findRuleSet and throws from getRuleSet and exportCatalog for an unknown version', () => {
    expect(findRuleSet('zj-ff-1999')).toBeUndefined();
    expect(() => getRuleSet('zj-ff-1999')).toThrow('unknown rule set version zj-ff-1999');
    expect(() => exportCatalog('zj-ff-1999')).toThrow('unknown rule set version zj-ff-1999');
  });

  it('indexes every clause, sub-domain and construction type', () => {
    const all = docSubdomains.flatMap((s) =>
      TIER_CODES.flatMap((tier) =>
        (s.cells[tier] ?? []).map((c) => ({ id: clauseId(s.no, tier, c.label), no: s.no, tier })),
      ),
    );
    expect(rs.clauseById.size).toBe(all.length);
    for (const { id, no, tier } of all) {
      const entry = rs.clauseById.get(id)!;
      expect(entry.clause.id).toBe(id);
      expect(entry.subdomain.no).toBe(no);
      expect(entry.tier).toBe(tier);
    }
    expect([...rs.subdomainByNo.keys()]).toEqual(docSubdomains.map((s) => s.no));
    expect([...rs.constructionTypeCodes]).toEqual([...CONSTRUCTION_TYPE_CODES]);
  });

  it.each(TIER_CODES.flatMap((t) => (['discrete', 'process'] as const).map((i) => [t, i] as const)))(
    'clausesFor(%s, %s) is the tier’s clauses for the industry, in document order',
    (tier, industry) => {
      const expected = docSubdomains.flatMap((s) =>
        (s.cells[tier] ?? [])
          .filter((c) => c.industry === null || c.industry === industry)
          .map((c) => clauseId(s.no, tier, c.label)),
      );
      const got = clausesFor(rs, tier, industry);
      expect(got.map((e) => e.clause.id)).toEqual(expected);
      for (const { clause, subdomain } of got) expect(subdomain.requirements[tier]).toContain(clause);
    },
  );

  it('clausesFor gives a future factory exactly one of each c1/c2 pair', () => {
    const ids = (industry: 'discrete' | 'process') =>
      clausesFor(rs, 'future_factory', industry).map((e) => e.clause.id);
    expect(ids('discrete')).toEqual(expect.arrayContaining(['sd15.ff.c1', 'sd16.ff.c1']));
    expect(ids('discrete')).not.toEqual(expect.arrayContaining(['sd15.ff.c2']));
    expect(ids('process')).toEqual(expect.arrayContaining(['sd15.ff.c2', 'sd16.ff.c2']));
    expect(ids('process')).not.toContain('sd16.ff.c1');
    expect(ids('discrete')).toHaveLength(ids('process').length);
  });

  it('tierScope lists the required domains and sub-domains in catalog order', () => {
    for (const tier of TIER_CODES) {
      const required = docSubdomains.filter((s) => s.cells[tier] !== null);
      const scope = tierScope(rs, tier);
      expect(scope.subdomains).toEqual(required.map((s) => s.no));
      expect(scope.domains.map((c) => rs.domains.find((d) => d.code === c)!.name)).toEqual(
        doc.elements.flatMap((e) => e.domains).filter((name) => required.some((s) => s.domain === name)),
      );
    }
  });

  it('describeClause names a lettered clause by its label and an unlettered one as the requirement', () => {
    const sd1 = rs.subdomainByNo.get(1)!;
    expect(describeClause(sd1, sd1.requirements.workshop![0])).toBe('能力子域“1.新一代信息技术”条款 a）');
    const sd15 = rs.subdomainByNo.get(15)!;
    const c2 = sd15.requirements.future_factory!.find((c) => c.label === 'c2')!;
    expect(describeClause(sd15, c2)).toBe('能力子域“15.计划调度”条款 c2）');
    const sd3 = rs.subdomainByNo.get(3)!;
    expect(describeClause(sd3, sd3.requirements.workshop![0])).toBe('能力子域“3.技术标准体系”要求');
  });
});

describe('exportCatalog', () => {
  const exported = exportCatalog();

  it('has exactly the keys of the export contract', () => {
    expect(Object.keys(exported)).toEqual([
      'version',
      'tiers',
      'elements',
      'domains',
      'subdomains',
      'constructionTypes',
    ]);
    expect(exported.version).toBe(CURRENT_RULE_SET_VERSION);
    expect(exportCatalog(CURRENT_RULE_SET_VERSION)).toEqual(exported);
  });

  it('lists the tiers with their names and the counts stated in §3', () => {
    expect(exported.tiers).toEqual(
      TIER_CODES.map((code) => ({
        code,
        name: TIER_NAMES[code],
        domains: new Set(docSubdomains.filter((s) => s.cells[code] !== null).map((s) => s.domain)).size,
        subdomains: docSubdomains.filter((s) => s.cells[code] !== null).length,
      })),
    );
    expect(exported.tiers.map((t) => [t.domains, t.subdomains])).toEqual(
      ['3.1', '3.2', '3.3'].map((n) => {
        const m = /(\d+)[个项]能力域(\d+)[个项]能力子域/.exec(doc.sections.get(n)!.join(''))!;
        return [Number(m[1]), Number(m[2])];
      }),
    );
  });

  it('lists elements, domains with their sub-domain numbers, and sub-domains', () => {
    expect(exported.elements).toEqual(rs.elements.map((e) => ({ code: e.code, name: e.name, domains: e.domains })));
    expect(exported.domains).toEqual(
      rs.domains.map((d) => ({
        code: d.code,
        name: d.name,
        element: d.element,
        subdomains: docSubdomains.filter((s) => s.domain === d.name).map((s) => s.no),
      })),
    );
    for (const s of exported.subdomains) {
      expect(Object.keys(s)).toEqual(['no', 'name', 'domain', 'requirements']);
      expect(Object.keys(s.requirements)).toEqual([...TIER_CODES]);
      const expected = docSubdomains.find((d) => d.no === s.no)!;
      for (const tier of TIER_CODES) {
        const cell = expected.cells[tier];
        expect(s.requirements[tier]).toEqual(
          cell &&
            cell.map((c) => ({
              id: clauseId(s.no, tier, c.label),
              label: c.label,
              obligation: c.obligation,
              industry: c.industry,
              text: c.text,
            })),
        );
      }
    }
  });

  it('lists the construction types of table 15', () => {
    expect(exported.constructionTypes).toEqual(rs.constructionTypes);
    for (const t of exported.constructionTypes) {
      expect(Object.keys(t)).toEqual(['code', 'name', 'basicRequirement', 'coreCapability', 'newTechModel']);
    }
  });

  it('is plain JSON and a copy: changing it leaves the rule set untouched', () => {
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
    const copy = exportCatalog();
    copy.elements[0].domains.push('tampered');
    copy.constructionTypes[0].name = 'tampered';
    copy.subdomains[0].requirements.workshop![0].text = 'tampered';
    expect(exportCatalog()).toEqual(exported);
    expect(rs.elements[0].domains).not.toContain('tampered');
  });
});
