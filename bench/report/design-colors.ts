import type { DesignName } from '../designs/design';

export const DESIGN_COLORS: Record<DesignName, string> = {
  direct: '#d62728',
  seed: '#ff7f0e',
  bottleneck: '#9467bd',
  albumboard: '#2ca02c',
};
export const BUDGET_COLOR = '#222222';
export const REAL_LIMIT_COLOR = '#1f77b4';
