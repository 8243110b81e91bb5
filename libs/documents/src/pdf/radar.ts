/** Geometry of a radar (spider) chart: pure numbers, drawn by the report as vector paths. */
export interface RadarAxis {
  label: string;
  value: number;
  /** Where the axis ends (value 1). */
  x: number;
  y: number;
  /** The data point (value clamped to 0–1). */
  px: number;
  py: number;
  angle: number;
}

export interface RadarGeometry {
  axes: RadarAxis[];
  /** Concentric reference polygons at these fractions of the radius. */
  rings: Array<{ level: number; points: Array<[number, number]> }>;
}

/** Axes start at the top and run clockwise; values are fractions (0–1) of the radius. */
export function radarGeometry(
  values: Array<{ label: string; value: number }>,
  cx: number,
  cy: number,
  radius: number,
  levels: number[] = [0.2, 0.4, 0.6, 0.8, 1],
): RadarGeometry {
  const n = values.length;
  const angleOf = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / n;
  const at = (i: number, r: number): [number, number] => [cx + r * Math.cos(angleOf(i)), cy + r * Math.sin(angleOf(i))];
  const axes = values.map((v, i) => {
    const clamped = Math.min(1, Math.max(0, Number.isFinite(v.value) ? v.value : 0));
    const [x, y] = at(i, radius);
    const [px, py] = at(i, radius * clamped);
    return { label: v.label, value: clamped, x, y, px, py, angle: angleOf(i) };
  });
  const rings = levels.map((level) => ({ level, points: values.map((_, i) => at(i, radius * level)) }));
  return { axes, rings };
}
