import { describe, expect, it } from 'vitest';
import { formatReadout } from '../../../../src/lib/format';
import { divergenceMessage, nearLimit, pastLimit, safeLearningRate, stabilityWarning } from '../../../../src/widgets/kit/stability';

describe('stabilityWarning', () => {
  const limit = 3.2;
  it('is silent well below the limit', () => {
    expect(stabilityWarning(1, limit, Math.abs(1 - 2 / limit))).toBeNull();
    expect(stabilityWarning(1, null, 0.5)).toBeNull();
  });

  it('past the limit says the run will diverge, naming η, the limit and the growth factor', () => {
    const lr = 1.2 * limit;
    const warning = stabilityWarning(lr, limit, 1.2 * 2 - 1)!;
    expect(pastLimit(lr, limit)).toBe(true);
    expect(warning).toContain(`η = ${formatReadout(lr)}`);
    expect(warning).toContain(`2n/λ_max = ${formatReadout(limit)}`);
    expect(warning).toContain(`multiplied by ${formatReadout(1.4)} per step`);
    expect(warning).toMatch(/will diverge/);
  });

  it('just below the limit says the linearised top mode barely decays', () => {
    const lr = 0.95 * limit;
    expect(nearLimit(lr, limit)).toBe(true);
    expect(pastLimit(lr, limit)).toBe(false);
    expect(stabilityWarning(lr, limit, 0.9)).toMatch(/within 10 %.*factor 0\.9 per step/);
  });

  it('offers half the limit, to two digits', () => {
    expect(safeLearningRate(3.1545)).toBe(1.6);
    expect(safeLearningRate(0.0123)).toBe(0.0062);
  });
});

describe('divergenceMessage', () => {
  it('states η next to the predicted limit and which side of it η is', () => {
    const above = divergenceMessage(12, 5, 3.16);
    expect(above).toContain('η = 5');
    expect(above).toContain('2n/λ_max = 3.16');
    expect(above).toMatch(/step 12/);
    expect(above).toMatch(/at or above/);
    expect(divergenceMessage(12, 1, 3.16)).toMatch(/is below/);
  });
});
