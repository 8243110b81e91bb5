import type { TierCode } from '../catalog/catalog.types';

/**
 * How expert scores become a recommendation. The requirements document fixes no scale; the default
 * follows the satisfaction scale of GB/T 39116 assessments. Stored with each batch.
 */
export interface ScoringPolicy {
  version: string;
  /** The only clause scores an expert may give, with their Chinese labels. */
  scale: Array<{ value: number; label: string }>;
  weights: { mandatory: number; recommended: number };
  /** With at least this many experts, the highest and the lowest score are dropped. */
  trimFromPanelSize: number;
  /** A sub-domain is flagged when its experts' scores differ by more than this. */
  divergenceThreshold: number;
  /** Pass mark of the total score per tier. */
  thresholds: Record<TierCode, number>;
}

export const DEFAULT_SCORING_POLICY: ScoringPolicy = {
  version: 'scoring-default-1',
  scale: [
    { value: 0, label: '不满足' },
    { value: 0.5, label: '部分满足' },
    { value: 0.8, label: '大部分满足' },
    { value: 1, label: '全部满足' },
  ],
  weights: { mandatory: 1, recommended: 0.5 },
  trimFromPanelSize: 5,
  divergenceThreshold: 0.5,
  thresholds: { workshop: 0.6, smart_factory: 0.7, future_factory: 0.8 },
};
