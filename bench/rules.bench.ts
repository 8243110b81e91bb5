/**
 * Full future-factory pre-checks per second, against a same-run baseline that merely walks the
 * catalog (every sub-domain, every clause of the tier) as an evaluation must at least do.
 * Submissions are realistic: every applicable clause declared with narrative and evidence,
 * a construction type with its table-15 claims, and a few deliberate defects for findings.
 */
import {
  Declaration,
  Submission,
  clausesFor,
  evaluateSubmission,
  getRuleSet,
  CURRENT_RULE_SET_VERSION,
} from '@ff/rules';
import { Series, printSeries, printSettings, timedRun } from './bench-util';

const ruleSet = getRuleSet(CURRENT_RULE_SET_VERSION);
const NARRATIVE = '已建成覆盖全部产线的设备联网与数据采集系统，实时采集设备运行参数并用于生产调度和质量追溯。';

function submission(variant: number): Submission {
  const clauses = clausesFor(ruleSet, 'future_factory', 'discrete');
  const declarations: Declaration[] = clauses.map(({ clause: c }, i) => ({
    clauseId: c.id,
    status: (i + variant) % 17 === 0 ? ('partial' as const) : ('met' as const),
    narrative: (i + variant) % 23 === 0 ? '已实施' : NARRATIVE,
    evidence: [`sha256-${variant}-${i}`],
  }));
  return {
    tier: 'future_factory',
    industry: 'discrete',
    profile: {
      industryLeader: true,
      clusterKeyEnterprise: variant % 2 === 0,
      chainLeader: false,
      serviceOrPlatformOrHq: false,
    },
    constructionType: 'innovation_pioneer',
    constructionEvidence: {
      innovation_pioneer: {
        coreCapability: { claimed: true, evidence: ['sha256-core'] },
        newTechModel: { claimed: variant % 3 !== 0, evidence: variant % 3 !== 0 ? ['sha256-new'] : [] },
      },
    },
    declarations,
  };
}

// A small pool so the JIT cannot specialise on one object, while allocation stays out of the timing.
const pool = Array.from({ length: 64 }, (_, i) => submission(i));
const clauseCount = pool[0].declarations.length;

function walkCatalog(): number {
  let n = 0;
  for (const sd of ruleSet.subdomains) for (const c of sd.requirements.future_factory ?? []) n += c.text.length;
  return n;
}

// Warm-up, then RUNS rounds; in each, the baseline and the evaluation run for at least a second
// each, one after the other, so both see the same machine.
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
let sink = 0;
for (let i = 0; i < 2_000; i++) sink += walkCatalog() + evaluateSubmission(pool[i % pool.length]).findings.length;

const baseline: Series = { name: 'baseline: iterate the future-factory catalog', rates: [], seconds: [] };
const evaluation: Series = {
  name: `evaluateSubmission (future_factory, ${clauseCount} clauses)`,
  rates: [],
  seconds: [],
};
let k = 0;
for (let run = 0; run < RUNS; run++) {
  for (const [series, step] of [
    [baseline, () => (sink += walkCatalog())],
    [evaluation, () => (sink += evaluateSubmission(pool[k++ % pool.length]).findings.length)],
  ] as const) {
    const r = timedRun(() => {
      for (let i = 0; i < 1000; i++) step();
    }, 1000);
    series.rates.push(r.rate);
    series.seconds.push(r.seconds);
  }
}
printSettings({
  runs: RUNS,
  'minimum per run': '1 s',
  'N per run': 'as many as fit in 1 s',
  logging: 'none (pure library)',
});
printSeries([baseline, evaluation]);
const sample = evaluateSubmission(pool[1]);
console.log(
  `sample report: verdict=${sample.verdict}, findings=${sample.findings.length}, ` +
    `constructionType=${sample.constructionType?.declaredSupported}, target >20,000 evals/s` +
    (sink < 0 ? '' : ''),
);
