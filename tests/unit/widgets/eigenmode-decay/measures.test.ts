import { describe, expect, it } from 'vitest';
import { modeGap, residualFraction } from '../../../../src/widgets/eigenmode-decay/measures';
import { circulant, circulantRun, explicitGd, record as makeRecord } from '../kit/circulantRun';

const angles = (n: number) => Array.from({ length: n }, (_, i) => (2 * Math.PI * i) / n);

describe('modeGap, residualFraction', () => {
  const c = [2, 0.8, 0.3, 0.1, 0.05, 0.1, 0.3, 0.8];
  const n = c.length;
  const kernel = circulant(c);
  const yTrain = angles(n).map((t) => Math.cos(t) + 0.5 * Math.cos(3 * t));
  const zeros = new Array<number>(n).fill(0);
  const lr = 1.5;
  const run = circulantRun({ c, yTrain, f0Train: zeros, lr });
  const outputsAt = (steps: number) => explicitGd(kernel, yTrain, zeros, lr, steps).f;
  const record = (step: number, outputs: number[]) => makeRecord(step, outputs, yTrain);

  it('is zero for outputs that follow frozen-kernel GD and equals a known offset relative to ‖r₀‖', () => {
    const records = [0, 1, 5, 20].map((t) => record(t, outputsAt(t)));
    const all = Array.from({ length: n }, (_, k) => k);
    expect(modeGap(run, records, all)).toBeLessThan(1e-6);
    // Shift the outputs along v₃ by δ: that mode's measured residual moves by exactly δ.
    const delta = 0.02;
    const v = run.theory.eigen.vectors[3];
    const shifted = record(5, outputsAt(5).map((f, i) => f + delta * v[i]));
    const r0 = Math.hypot(...yTrain);
    expect(modeGap(run, [shifted], all)).toBeCloseTo(delta / r0, 6);
    expect(modeGap(run, [shifted], [0, 1, 2])).toBeLessThan(1e-6);
  });

  it('measures the residual left as ‖f_t − y‖/‖f₀ − y‖', () => {
    const initial = record(0, new Array(n).fill(0));
    expect(residualFraction(initial, initial, yTrain)).toBe(1);
    const half = record(3, yTrain.map((y) => y / 2));
    expect(residualFraction(initial, half, yTrain)).toBeCloseTo(0.5, 12);
  });
});
