import { describe, expect, it } from 'vitest';
import { dominantFrequency, fittedAbove, shownModes } from '../../../../src/widgets/eigenmode-decay/theory';

const angles = (n: number) => Array.from({ length: n }, (_, i) => (2 * Math.PI * i) / n);

describe('dominantFrequency', () => {
  it('finds k for cos(kθ + φ) at every frequency up to n/2, and the larger part of a mixture', () => {
    const n = 24;
    const thetas = angles(n);
    for (let k = 0; k <= n / 2; k++) {
      for (const phase of [0, 0.7, 2]) {
        // cos(nθ/2) is ±1 alternating on the grid, so only phase 0 keeps it non-zero.
        if (2 * k === n && phase !== 0) continue;
        expect(dominantFrequency(thetas.map((t) => Math.cos(k * t + phase)), thetas)).toBe(k);
      }
    }
    expect(dominantFrequency(thetas.map((t) => 0.4 * Math.cos(t) + Math.sin(5 * t)), thetas)).toBe(5);
    expect(dominantFrequency(thetas.map(() => 1), thetas)).toBe(0);
  });
});

describe('shownModes', () => {
  // Eight modes in eigen order, in pairs of frequencies as on the circle: 0, 1, 1, 2, 2, 3, 3, 4.
  const frequencies = [0, 1, 1, 2, 2, 3, 3, 4];

  it('keeps the top modes and adds those carrying a share of the target, in eigen order, at most max', () => {
    const target = [0.01, 0.02, 0, 0.05, 2, 0.3, 1.5, 0.01];
    const residual = target;
    // ‖w‖ ≈ 2.52: 10 % of it is 0.252, so modes 4, 5 and 6 qualify beyond the top three.
    expect(shownModes({ target, residual, frequencies }, { top: 3, share: 0.1, max: 6 })).toEqual([0, 1, 2, 4, 5, 6]);
    expect(shownModes({ target, residual, frequencies }, { top: 3, share: 0.1, max: 5 })).toEqual([0, 1, 2, 4, 6]);
    expect(shownModes({ target: [1, 2], residual: [1, 2], frequencies: [0, 1] }, { top: 3, share: 0.1, max: 6 })).toEqual([0, 1]);
  });

  it('fills the rest with the leading mode of each further frequency that the residual reaches, for contrast', () => {
    // A low-frequency target (modes 1, 2) with noise everywhere but mode 5, where the residual is round-off.
    const target = [0, 3, 2, 0, 0, 0, 0, 0];
    const residual = [0.1, -3, -2, 0.2, 0.1, 1e-9, 0.3, 0.2];
    // Frequency 2 is shown by mode 3; frequency 3 by mode 6, mode 5 being empty; frequency 4 by mode 7.
    expect(shownModes({ target, residual, frequencies }, { top: 3, share: 0.1, max: 6 })).toEqual([0, 1, 2, 3, 6, 7]);
    expect(shownModes({ target, residual, frequencies }, { top: 3, share: 0.1, max: 4 })).toEqual([0, 1, 2, 3]);
    // Without noise only the target's modes carry a residual: nothing to contrast with.
    expect(shownModes({ target, residual: target.map((w) => -w), frequencies }, { top: 3, share: 0.1, max: 6 })).toEqual([0, 1, 2]);
  });
});

describe('fittedAbove', () => {
  it('is the eigenvalue whose mode has shrunk by about e after t steps: ηλt/n = 1', () => {
    const [n, lr, t] = [32, 0.5, 40];
    const lambda = fittedAbove(n, lr, t);
    expect((1 - (lr * lambda) / n) ** t).toBeCloseTo(Math.exp(-1), 2);
  });
});
