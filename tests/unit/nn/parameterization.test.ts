import { describe, expect, it } from 'vitest';
import { hasKernelLimit } from '../../../src/lib/nn';

// The numerical check that K₀ does converge under NTK and μP is tests/unit/widgets/lazy-vs-rich/regimes.test.ts.
describe('hasKernelLimit', () => {
  it('has an infinite-width kernel to compare with under NTK and μP, not under standard parameterisation', () => {
    expect(hasKernelLimit('ntk')).toBe(true);
    expect(hasKernelLimit('mup')).toBe(true);
    expect(hasKernelLimit('standard')).toBe(false);
  });
});
