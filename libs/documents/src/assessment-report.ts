import type { Typeface } from './pdf/fonts';
import { radarGeometry } from './pdf/radar';
import { PdfWriter } from './pdf/writer';
import { chineseDate, type RenderedDocument, score2 } from './render-common';
import type { AssessmentReportInput } from './report-input';

export const NO_DECISION_YET = '尚未作出认定决定';

/** The section headings, in order (the text-extraction test looks for each). */
export const REPORT_SECTIONS = [
  '一、概要与认定决定',
  '二、总分、要素与能力域得分',
  '三、能力子域得分',
  '四、红线与评分分歧',
  '五、形式审查',
  '六、建设类型分类（表15）',
  '七、专家意见（匿名）',
  '八、现场核查',
] as const;

const RECOMMENDATION_NAMES = { pass: '建议通过', fail: '建议不通过' } as const;
const RESULT_STATUS_NAMES = { final: '已定稿', divergent: '存在分歧，待处理', reconciling: '分歧复评中' } as const;

/** One application's assessment report, A4 portrait. */
export async function renderAssessmentReport(
  input: AssessmentReportInput,
  issuer: string,
  typeface: Typeface = 'cjk',
): Promise<RenderedDocument> {
  const a = input.application;
  const s = input.scoring;
  const w = new PdfWriter({
    typeface,
    layout: 'portrait',
    title: `评估报告 ${a.enterpriseName}`,
    author: issuer,
    creationDate: new Date(s?.computedAt ?? a.submittedAt),
    margin: 50,
  });
  const { doc } = w;
  const cw = w.contentWidth;

  w.font('bold', 18, '#102a43').text(`${a.tierName}申报评估报告`, w.left, 56, { width: cw, align: 'center' });
  w.font('regular', 10, '#52606d').text(issuer, w.left, doc.y + 4, { width: cw, align: 'center' });
  doc.moveDown(1);
  w.table(
    [
      { header: '项目', width: 110 },
      { header: '内容', width: cw - 110 },
    ],
    [
      ['申报企业', a.enterpriseName],
      ['统一社会信用代码', a.creditCode],
      ['所在地区', a.regionName],
      ['申报批次', a.batchCode],
      ['申报层级', a.tierName],
      ['建设类型', a.constructionTypeName ?? '不适用'],
      ['行业类型', a.industryModeName],
      ['提交时间', chineseDate(a.submittedAt)],
      ['申报内容摘要（SHA-256）', a.contentHash],
      ['规则版本', input.ruleSetVersion],
    ],
  );

  // 一、概要与认定决定
  w.heading(REPORT_SECTIONS[0]);
  if (s) {
    w.paragraph(
      `评分依据：${s.basisName}。` +
        `专家评审总分 ${score2(s.total)}，${a.tierName}通过线 ${score2(s.threshold)}，评审建议：${RECOMMENDATION_NAMES[s.recommendation]}。` +
        `评审结果状态：${RESULT_STATUS_NAMES[s.status]}（${chineseDate(s.computedAt)}）。` +
        `评分支持的最高层级：${s.highestTierName ?? '无'}。`,
    );
    for (const reason of s.reasons) w.paragraph(`· ${reason}`);
    if (s.resolution) w.paragraph(s.resolution);
  } else {
    w.paragraph('尚无专家评审结果。');
  }
  const d = input.decision;
  if (d) {
    w.paragraph(
      `认定决定：${d.outcome}${d.tierName ? `（${d.tierName}）` : ''}，${chineseDate(d.decidedAt)}`,
      10,
      'bold',
    );
    for (const reason of d.reasons) w.paragraph(`· ${reason}`);
  } else {
    w.paragraph(`认定决定：${NO_DECISION_YET}`, 10, 'bold');
  }

  // 二、总分、要素与能力域得分: the radar on the left, the figures beside it, kept on one page.
  const chartHeight = 240;
  w.ensure(chartHeight + 50);
  w.heading(REPORT_SECTIONS[1]);
  if (s) {
    const top = doc.y;
    drawRadar(
      w,
      s.domains.map((x) => ({ label: x.name, value: x.score })),
      s.threshold,
      w.left + 130,
      top + chartHeight / 2 - 6,
      80,
    );
    const x0 = w.left + 290;
    let y = top + 4;
    const line = (label: string, value: string, bold = false) => {
      w.font(bold ? 'bold' : 'regular', 9).text(label, x0, y, { width: 130 });
      w.text(value, x0 + 130, y, { width: 60, align: 'right' });
      y += 12.5;
    };
    line('总分（满分 1.00）', score2(s.total), true);
    y += 4;
    line('要素', '得分', true);
    for (const e of s.elements) line(e.name, score2(e.score));
    y += 4;
    line('能力域', '得分', true);
    for (const dom of s.domains) line(dom.name, score2(dom.score));
    doc.x = w.left;
    doc.y = Math.max(top + chartHeight, y) + 6;
  } else {
    w.paragraph('尚无得分。');
  }

  // 三、能力子域得分
  w.heading(REPORT_SECTIONS[2]);
  if (s) {
    w.paragraph(`对照${a.tierName}通过线 ${score2(s.threshold)}：`);
    w.table(
      [
        { header: '序号', width: 34, align: 'center' },
        { header: '能力子域', width: 140 },
        { header: '能力域', width: 100 },
        { header: '得分', width: 50, align: 'right' },
        { header: '通过线', width: 50, align: 'right' },
        { header: '对照', width: 50, align: 'center' },
        { header: '分歧', width: cw - 424, align: 'center' },
      ],
      s.subdomains.map((x) => [
        String(x.no),
        x.name,
        x.domainName,
        score2(x.score),
        score2(s.threshold),
        x.score + 1e-9 >= s.threshold ? '达到' : '未达到',
        x.divergent ? `是（极差 ${score2(x.spread)}）` : '否',
      ]),
    );
  } else {
    w.paragraph('尚无得分。');
  }

  // 四、红线与评分分歧
  w.heading(REPORT_SECTIONS[3]);
  if (s) {
    w.paragraph(s.redLines.length ? '红线（必选条款专家评为“不满足”）：' : '红线：无。');
    for (const line of s.redLines) w.paragraph(`· ${line}`);
    const divergent = s.subdomains.filter((x) => x.divergent);
    w.paragraph(
      divergent.length
        ? `评分分歧的能力子域：${divergent.map((x) => `${x.no}.${x.name}（极差 ${score2(x.spread)}）`).join('；')}。`
        : '评分分歧：无。',
    );
  } else {
    w.paragraph('尚无评审结果。');
  }

  // 五、形式审查
  w.heading(REPORT_SECTIONS[4]);
  const p = input.precheck;
  if (p) {
    w.paragraph(
      `形式审查结论：${p.verdict === 'pass' ? '通过' : '退回'}；错误 ${p.errors} 项，提示 ${p.warnings} 项；` +
        `必选条款 ${p.mandatoryClauses} 项，其中自评满足 ${p.satisfiedMandatory} 项；已填写条款 ${p.declaredClauses} 项；` +
        `自评支持的最高层级：${p.highestSupportedTierName ?? '无'}。`,
    );
    for (const f of p.findings) w.paragraph(`· ${f}`, 9);
  } else {
    w.paragraph('尚无形式审查报告。');
  }

  // 六、建设类型分类（表15）
  w.heading(REPORT_SECTIONS[5]);
  const c = input.classification;
  if (c) {
    w.paragraph(
      `申报建设类型：${c.declaredTypeName ?? '未选择'}；` +
        `是否符合：${c.declaredSupported === null ? '待核实' : c.declaredSupported ? '符合' : '不符合'}；` +
        `最符合的类型：${c.bestFitNames.length ? c.bestFitNames.join('、') : '无'}。`,
    );
    w.table(
      [
        { header: '建设类型', width: 70 },
        { header: '结论', width: 60, align: 'center' },
        { header: '理由', width: cw - 130 },
      ],
      c.types.map((t) => [t.name, t.verdictName, t.reasons.join('\n')]),
      8.5,
    );
  } else {
    w.paragraph('本申报层级不涉及建设类型分类。');
  }

  // 七、专家意见（匿名）
  w.heading(REPORT_SECTIONS[6]);
  if (input.comments.length) {
    w.table(
      [
        { header: '专家', width: 46, align: 'center' },
        { header: '能力子域', width: 80 },
        { header: '条款', width: 170 },
        { header: '评分', width: 56, align: 'center' },
        { header: '意见', width: cw - 352 },
      ],
      input.comments.map((x) => [x.expert, x.subdomain, x.clause, x.scoreLabel, x.comment]),
      8.5,
    );
  } else {
    w.paragraph('专家未填写意见。');
  }

  // 八、现场核查
  w.heading(REPORT_SECTIONS[7]);
  const o = input.onSite;
  if (o) {
    w.paragraph(`核查结论：${o.conclusion}${o.date ? `（${chineseDate(o.date)}）` : ''}`);
    if (o.findings.length)
      w.table(
        [
          { header: '条款', width: 180 },
          { header: '核查发现', width: cw - 180 },
        ],
        o.findings.map((f) => [f.clause ?? '—', f.text]),
        8.5,
      );
  } else {
    w.paragraph('未安排现场核查。');
  }

  const note = w.missingGlyphNote();
  if (note) w.paragraph(note, 8);
  return { bytes: await w.finish(`评估报告 · ${a.enterpriseName}`), missingGlyphs: w.missingGlyphs() };
}

/** The radar of the domain scores as vector paths: rings, axes, the pass mark (dashed) and the scores. */
function drawRadar(
  w: PdfWriter,
  values: Array<{ label: string; value: number }>,
  threshold: number,
  cx: number,
  cy: number,
  radius: number,
): void {
  const { doc } = w;
  if (values.length < 3) return;
  const g = radarGeometry(values, cx, cy, radius);
  const polygon = (points: Array<[number, number]>) => {
    doc.moveTo(points[0][0], points[0][1]);
    for (const [x, y] of points.slice(1)) doc.lineTo(x, y);
    doc.closePath();
  };
  doc.save();
  for (const ring of g.rings) {
    polygon(ring.points);
    doc.lineWidth(0.4).strokeColor('#bcccdc').stroke();
  }
  for (const axis of g.axes) doc.moveTo(cx, cy).lineTo(axis.x, axis.y).lineWidth(0.4).strokeColor('#bcccdc').stroke();
  polygon(
    radarGeometry(
      values.map((v) => ({ ...v, value: threshold })),
      cx,
      cy,
      radius,
    ).axes.map((x) => [x.px, x.py]),
  );
  doc.lineWidth(0.8).dash(3, { space: 2 }).strokeColor('#c53030').stroke();
  doc.undash();
  polygon(g.axes.map((x) => [x.px, x.py]));
  doc.fillOpacity(0.25).fillAndStroke('#2f80ed', '#1c5db8');
  doc.fillOpacity(1).lineWidth(1);
  doc.restore();
  w.font('regular', 7.5, '#334e68');
  for (const axis of g.axes) {
    const lx = cx + (radius + 10) * Math.cos(axis.angle);
    const ly = cy + (radius + 10) * Math.sin(axis.angle);
    const cos = Math.cos(axis.angle);
    const width = 64;
    const x = Math.abs(cos) < 0.2 ? lx - width / 2 : cos > 0 ? lx : lx - width;
    w.text(axis.label, x, ly - 4, { width, align: Math.abs(cos) < 0.2 ? 'center' : cos > 0 ? 'left' : 'right' });
  }
  w.font('regular', 7.5, '#c53030').text(`虚线：通过线 ${score2(threshold)}`, cx - 60, cy + radius + 22, {
    width: 120,
    align: 'center',
  });
}
