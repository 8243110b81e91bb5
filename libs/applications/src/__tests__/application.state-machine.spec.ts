import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  APPLICATION_EVENTS,
  APPLICATION_STATUSES,
  APPLICATION_TRANSITIONS,
  ApplicationStatus,
  isEditable,
  stateMachineTable,
  transition,
} from '../application.state-machine';

describe('the application state machine', () => {
  it('walks the happy path: submit → pre-check → county → city', () => {
    const steps: [
      ApplicationStatus,
      Parameters<typeof transition>[1],
      Parameters<typeof transition>[2],
      ApplicationStatus,
    ][] = [
      ['draft', 'submit', 'enterprise', 'submitted'],
      ['submitted', 'precheck_pass', 'system', 'precheck_passed'],
      ['precheck_passed', 'county_recommend', 'county_recommender', 'county_recommended'],
      ['county_recommended', 'city_recommend', 'city_recommender', 'city_recommended'],
    ];
    for (const [from, event, firer, to] of steps)
      expect(transition(from, event, firer)).toMatchObject({ ok: true, to });
  });

  it('sends returned applications back to the enterprise, which may resubmit', () => {
    expect(transition('submitted', 'precheck_fail', 'system')).toMatchObject({ ok: true, to: 'returned' });
    expect(transition('precheck_passed', 'county_return', 'county_recommender')).toMatchObject({
      ok: true,
      to: 'returned',
    });
    expect(transition('county_recommended', 'city_return', 'city_recommender')).toMatchObject({
      ok: true,
      to: 'returned',
    });
    expect(transition('returned', 'submit', 'enterprise')).toMatchObject({ ok: true, to: 'submitted' });
  });

  it('refuses an event the status does not allow, naming the status in Chinese', () => {
    const r = transition('draft', 'city_recommend', 'city_recommender');
    expect(r).toEqual({ ok: false, code: 'invalid_transition', message: '申报当前状态为“草稿”，不能执行“市级推荐”' });
    expect(transition('city_recommended', 'withdraw', 'enterprise')).toMatchObject({
      ok: false,
      code: 'invalid_transition',
    });
    expect(transition('withdrawn', 'submit', 'enterprise')).toMatchObject({ ok: false, code: 'invalid_transition' });
  });

  it('refuses an allowed event fired by the wrong party', () => {
    expect(transition('precheck_passed', 'county_recommend', 'city_recommender')).toEqual({
      ok: false,
      code: 'transition_not_permitted',
      message: '“县级推荐”只能由县级推荐单位执行',
    });
    expect(transition('submitted', 'precheck_pass', 'enterprise')).toMatchObject({
      ok: false,
      code: 'transition_not_permitted',
    });
  });

  it('is deterministic: at most one target status per (status, event), and one row per firer', () => {
    for (const status of APPLICATION_STATUSES) {
      for (const event of APPLICATION_EVENTS) {
        const rows = APPLICATION_TRANSITIONS.filter((t) => t.event === event && t.from.includes(status));
        expect(new Set(rows.map((t) => t.to)).size).toBeLessThanOrEqual(1);
        expect(new Set(rows.flatMap((t) => t.firers)).size).toBe(rows.flatMap((t) => t.firers).length);
      }
    }
  });

  it('lets the importer submit (代为提交) only drafts and returned applications, and fire nothing else', () => {
    expect(transition('draft', 'submit', 'importer')).toMatchObject({ ok: true, to: 'submitted' });
    expect(transition('returned', 'submit', 'importer')).toMatchObject({ ok: true, to: 'submitted' });
    expect(transition('submitted', 'submit', 'importer')).toMatchObject({ ok: false, code: 'invalid_transition' });
    expect(transition('draft', 'withdraw', 'importer')).toMatchObject({
      ok: false,
      code: 'transition_not_permitted',
    });
    expect(transition('precheck_passed', 'county_recommend', 'importer')).toMatchObject({
      ok: false,
      code: 'transition_not_permitted',
    });
    expect(
      APPLICATION_TRANSITIONS.filter((t) => t.firers.includes('importer')).map((t) => [t.event, [...t.from].sort()]),
    ).toEqual([['submit', ['draft', 'returned']]]);
    expect(transition('draft', 'submit', 'county_recommender')).toEqual({
      ok: false,
      code: 'transition_not_permitted',
      message: '“提交申报”只能由申报企业或导入单位（提交导入时代为提交）执行',
    });
  });

  it('lets the enterprise edit only drafts and returned applications', () => {
    expect(APPLICATION_STATUSES.filter(isEditable)).toEqual(['draft', 'returned']);
  });

  it('is the table the README shows', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
    for (const r of stateMachineTable()) expect(readme).toContain(`| ${r.from} | ${r.event} | ${r.to} | ${r.by} |`);
  });
});
