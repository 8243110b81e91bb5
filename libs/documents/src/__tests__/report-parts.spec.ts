import { radarGeometry } from '../pdf/radar';
import { expertLetter, buildAssessmentReportInput } from '../report-input';
import { chineseDate } from '../render-common';
import { sampleReportSources } from '../testing/sample-report';

describe('radar geometry', () => {
  it('starts at the top, runs clockwise and scales each point by its value', () => {
    const g = radarGeometry(
      [
        { label: 'a', value: 1 },
        { label: 'b', value: 0.5 },
        { label: 'c', value: 0 },
        { label: 'd', value: 2 },
      ],
      100,
      100,
      50,
    );
    expect(g.axes[0].px).toBeCloseTo(100);
    expect(g.axes[0].py).toBeCloseTo(50);
    expect(g.axes[1].px).toBeCloseTo(125); // right of centre: clockwise
    expect(g.axes[1].py).toBeCloseTo(100);
    expect([g.axes[2].px, g.axes[2].py]).toEqual([100, 100]);
    expect(g.axes[3].value).toBe(1); // clamped
    expect(g.rings).toHaveLength(5);
    expect(g.rings[4].points[2][1]).toBeCloseTo(150);
  });
});

describe('assessment report input', () => {
  it('letters experts A, B … Z, AA', () => {
    expect([0, 1, 25, 26, 27].map(expertLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB']);
  });

  it('is the same for the same facts, whatever order the sheets come in', () => {
    const src = sampleReportSources();
    const a = buildAssessmentReportInput(src);
    const b = buildAssessmentReportInput({ ...src, sheets: [...src.sheets].reverse() });
    expect(b).toEqual(a);
    expect(a.comments.length).toBeGreaterThan(0);
    expect(new Set(a.comments.map((c) => c.expert))).toEqual(new Set(['专家 A', '专家 B', '专家 C']));
  });

  it('leaves the decision and on-site findings out until they are given', () => {
    const a = buildAssessmentReportInput(sampleReportSources());
    expect('decision' in a).toBe(false);
    expect('onSite' in a).toBe(false);
  });

  it('writes dates in Chinese, in Beijing time', () => {
    expect(chineseDate('2026-07-01')).toBe('2026年7月1日');
    expect(chineseDate('2026-06-30T17:00:00.000Z')).toBe('2026年7月1日');
  });
});
