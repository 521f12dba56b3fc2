import { describe, expect, it } from 'vitest';
import type { OneStepMeasurement } from '../../../../src/widgets/tangent-features/run';
import {
  analyseStep,
  gradientCosine,
  equalOutputPair,
  predictStep,
  relativeError,
} from '../../../../src/widgets/tangent-features/theory';

const dot = (a: number[], b: number[]) => a.reduce((s, ai, i) => s + ai * b[i], 0);

describe('one-step prediction', () => {
  it('is −η Θ(x, x_a)(f(x_a) − y_a) with the stability limit 2/Θ(x_a, x_a)', () => {
    const row = [2, 0.5, -0.3, 1.2]; // Θ(x_a, x_a) first
    const before = [0.4, -1, 0.2, 0.7];
    const ya = -0.6;
    const lr = 0.15;
    const { delta, maxStableLr } = predictStep(row, before, ya, lr);
    const r = before[0] - ya;
    delta.forEach((d, i) => expect(d).toBeCloseTo(-lr * row[i] * r, 12));
    expect(maxStableLr).toBeCloseTo(2 / row[0], 12);
  });

  it('relative error and gradient cosine', () => {
    expect(relativeError([1, 2], [1.1, 2])).toBeCloseTo(0.1 / Math.sqrt(5), 12);
    const ga = [1, 2, 0, -1];
    const gb = [0, 1, 3, 1];
    expect(gradientCosine(dot(ga, ga), dot(gb, gb), dot(ga, gb))).toBeCloseTo(dot(ga, gb) / Math.hypot(...ga) / Math.hypot(...gb), 12);
    expect(gradientCosine(4, 9, 0)).toBe(0);
  });
});

describe('analysis of a measured step', () => {
  // A model that is exactly linear in its parameters, f(x) = θ·φ(x), so one GD step is exactly
  // the linearised one: Δθ = −η r φ(x_a), Δf(x) = −η r φ(x)·φ(x_a) = −η r Θ(x, x_a).
  const phi = (x: number) => [1, x, Math.max(0, x - 0.2), Math.sin(3 * x)];
  const theta0 = [0.3, -0.8, 1.5, 0.4];
  const xa = -0.4;
  const xb = 0.6;
  const grid = [-1, -0.5, 0, 0.5, 1];
  const inputs = [xa, xb, ...grid];
  const targets = inputs.map((x) => Math.sin(Math.PI * x));
  const lr = 0.3;
  const f = (theta: number[], x: number) => dot(theta, phi(x));
  const r = f(theta0, xa) - targets[0];
  const theta1 = theta0.map((t, i) => t - lr * r * phi(xa)[i]);
  const kernelRow = (x0: number) => inputs.map((x) => dot(phi(x0), phi(x)));
  const measurement: OneStepMeasurement = {
    inputs,
    targets,
    before: inputs.map((x) => f(theta0, x)),
    after: inputs.map((x) => f(theta1, x)),
    kernel: { a: kernelRow(xa), b: kernelRow(xb), gram: inputs.map(kernelRow) },
    // A kernel 10 % too large: its prediction misses by exactly 10 %.
    analytic: { a: kernelRow(xa).map((k) => 1.1 * k), b: kernelRow(xb) },
  };
  const analysis = analyseStep(measurement, lr);

  it('finds no gap between measurement and the own-kernel prediction of a linear model', () => {
    expect(analysis.grid).toEqual(grid);
    expect(analysis.error).toBeLessThan(1e-12);
    analysis.measured.forEach((d, i) => expect(d).toBeCloseTo(-lr * r * dot(phi(xa), phi(grid[i])), 12));
    expect(analysis.analyticError).toBeCloseTo(0.1, 12);
    expect(analysis.residual).toBeCloseTo(r, 12);
    expect(analysis.atA.measured).toBeCloseTo(-lr * r * dot(phi(xa), phi(xa)), 12);
    expect(analysis.atA.predicted).toBeCloseTo(analysis.atA.measured, 12);
    expect(analysis.maxStableLr).toBeCloseTo(2 / dot(phi(xa), phi(xa)), 12);
  });

  it('reports the kernel entries, the gradient cosine and the peak of the row of x_a', () => {
    expect(analysis.kernel.aa).toBeCloseTo(dot(phi(xa), phi(xa)), 12);
    expect(analysis.kernel.bb).toBeCloseTo(dot(phi(xb), phi(xb)), 12);
    expect(analysis.kernel.ab).toBeCloseTo(dot(phi(xa), phi(xb)), 12);
    expect(analysis.kernel.cosine).toBeCloseTo(dot(phi(xa), phi(xb)) / Math.hypot(...phi(xa)) / Math.hypot(...phi(xb)), 12);
    const rowOnGrid = grid.map((x) => dot(phi(xa), phi(x)));
    expect(analysis.peak).toBe(grid[rowOnGrid.indexOf(Math.max(...rowOnGrid))]);
  });
});

describe('equal-output pair', () => {
  // Features φ(x) = (1, x, x²): outputs f = x² agree at ±x, the gradients' cosine is (1 − x² + x⁴)/(1 + x² + x⁴) there.
  const grid = [-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1];
  const features = (x: number) => [1, x, x * x];
  const gram = grid.map((x) => grid.map((y) => dot(features(x), features(y))));
  const outputs = grid.map((x) => x * x);

  it('picks, among pairs with equal outputs, the one whose gradients differ most', () => {
    const pair = equalOutputPair(grid, outputs, gram, { tolerance: 0.01, minDistance: 0.3 })!;
    // Candidates: ±0.25, ±0.5, ±0.75, ±1; the cosine is lowest at x = 1: (1 − 1 + 1)/(1 + 1 + 1) = 1/3.
    expect([pair.a, pair.b]).toEqual([-1, 1]);
    expect(pair.cosine).toBeCloseTo(1 / 3, 12);
    expect(pair.gap).toBe(0);
  });

  it('respects the minimum distance and the tolerance, and says when no pair qualifies', () => {
    expect(equalOutputPair(grid, outputs, gram, { tolerance: 0.01, minDistance: 2.5 })).toBeUndefined();
    const tilted = grid.map((x) => x * x + 0.1 * x);
    expect(equalOutputPair(grid, tilted, gram, { tolerance: 0.01, minDistance: 0.3 })).toBeUndefined();
  });
});
