import { describe, expect, it } from 'vitest';
import { predictedEarlyStop } from '../../../../src/widgets/kit/earlyStopping';
import { cutoffLine, describeModes, lossPlot, modePlot, spectrumPlot } from '../../../../src/widgets/eigenmode-decay/plots';
import { circulant, circulantRun, dftEigenvalue, explicitGd, record } from '../kit/circulantRun';

// A von Mises kernel κ(Δ) = exp(2(cos Δ − 1)) on n = 16 even angles: positive definite and circulant.
const n = 16;
const thetas = Array.from({ length: n }, (_, i) => (2 * Math.PI * i) / n);
const kappa = (delta: number) => Math.exp(2 * (Math.cos(delta) - 1));
const c = thetas.map(kappa);
const kernel = circulant(c);
const lambda = (m: number) => dftEigenvalue(c, m);
const clean = thetas.map((t) => Math.cos(t) + 0.5 * Math.cos(4 * t));
// Deterministic "noise" with energy in every frequency.
const yTrain = clean.map((y, i) => y + 0.3 * Math.sin(7.3 * i * i + 1));
const zeros = new Array<number>(n).fill(0);
const lr = 2;
const testThetas = Array.from({ length: 40 }, (_, a) => (2 * Math.PI * (a + 0.5)) / 40);
const test = {
  kTestTrain: testThetas.map((s) => thetas.map((t) => Math.fround(kappa(s - t)))),
  yTest: testThetas.map((t) => Math.cos(t) + 0.5 * Math.cos(4 * t)),
  f0Test: testThetas.map(() => 0),
};
const run = circulantRun({ c, yTrain, f0Train: zeros, lr, test });
const halfMeanSquares = (f: number[], y: number[]) => f.reduce((s, fi, i) => s + (fi - y[i]) ** 2, 0) / (2 * f.length);

describe('describeModes', () => {
  it('names each eigenvector by the Fourier frequency whose DFT eigenvalue it has', () => {
    const all = Array.from({ length: n }, (_, k) => k);
    for (const mode of describeModes(run.theory.eigen, thetas, all)) {
      expect(mode.lambda).toBeCloseTo(lambda(mode.frequency), 5);
      expect(mode.label).toBe(`v${String(mode.k + 1).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)])} (k = ${mode.frequency})`);
    }
  });
});

describe('modePlot', () => {
  const horizon = 200;
  const steps = [0, 1, 2, 5, 20, 100];
  const records = steps.map((t) => record(t, explicitGd(kernel, yTrain, zeros, lr, t).f, yTrain));
  const all = describeModes(run.theory.eigen, thetas, Array.from({ length: n }, (_, k) => k));
  const plot = modePlot(run, records, all, horizon);

  it('predicts each frequency’s residual energy as (1 − ηλ_m/n)^{2t} times its initial energy', () => {
    // Initial residual r₀ = −y: its energy in frequency m is the squared DFT coefficient, basis-free.
    const energy0 = (m: number) => {
      const cs = thetas.reduce((s, t, i) => s + yTrain[i] * Math.cos(m * t), 0);
      const sn = thetas.reduce((s, t, i) => s + yTrain[i] * Math.sin(m * t), 0);
      return m === 0 || 2 * m === n ? (cs * cs) / n : (2 * (cs * cs + sn * sn)) / n;
    };
    let checked = 0;
    for (const m of [0, 1, 4]) {
      const members = all.filter((mode) => mode.frequency === m);
      for (const t of [1, 3, 10]) {
        const energy = members.reduce((s, { k }) => {
          const p = plot.series.find((x) => x.id === `predicted-${k}`)!.points.find((q) => q.x === t);
          return s + (p ? p.y ** 2 : 0);
        }, 0);
        const expected = (1 - (lr * lambda(m)) / n) ** (2 * t) * energy0(m);
        // Below the drawing floor the line is cut; compare only what is drawn.
        if (expected < (1e-4 * Math.max(...run.theory.modeCoefficients().map(Math.abs))) ** 2) continue;
        expect(energy).toBeCloseTo(expected, 6);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });

  it('puts the measured residual of explicit GD on the predicted values, from step 1', () => {
    for (const { k } of all) {
      const measured = plot.series.find((s) => s.id === `measured-${k}`)!;
      expect(measured.kind).toBe('markers');
      expect(measured.points.map((p) => p.x)).toEqual(steps.slice(1));
      for (const p of measured.points) expect(p.y).toBeCloseTo(Math.abs(run.theory.modeResiduals(p.x, 'gd')[k]), 6);
    }
  });

  it('runs the axis four decades below the largest initial residual, and cuts predicted lines where they leave it', () => {
    const floor = Math.max(...run.theory.modeCoefficients().map(Math.abs)) / 1e4;
    // The axis starts at the power of ten just below the floor.
    const [lo] = plot.yDomain!;
    expect(lo).toBeLessThanOrEqual(floor);
    expect(lo).toBeGreaterThan(floor / 10);
    let cut = 0;
    for (const s of plot.series.filter((x) => x.id.startsWith('predicted'))) {
      s.points.slice(0, -1).forEach((p) => expect(p.y).toBeGreaterThanOrEqual(lo));
      if (s.points.length > 0 && s.points.at(-1)!.y < lo) cut++;
    }
    // The fast modes fall through the bottom before the horizon.
    expect(cut).toBeGreaterThan(0);
  });
});

describe('a diverging prediction (η past 2n/λ_max, e.g. linear activation at η = 1)', () => {
  const fast = (3 * n) / lambda(0); // 1.5 × the limit: the top mode doubles every step
  const diverging = circulantRun({ c, yTrain, f0Train: zeros, lr: fast, test });
  const steps = [0, 1, 2, 4, 8, 12];
  const records = steps.map((t) => {
    const { f, fTest } = explicitGd(kernel, yTrain, zeros, fast, t, test);
    return record(t, f, yTrain, { testLoss: halfMeanSquares(fTest, test.yTest) });
  });
  const all = describeModes(diverging.theory.eigen, thetas, [0, 1, 2, 3]);
  const inside = (y: number, [lo, hi]: readonly [number, number]) => y >= lo && y <= hi;

  it('keeps every measured marker in view and clips the growing lines at the top instead of stretching the axis', () => {
    const plot = modePlot(diverging, records, all, 500);
    const markers = plot.series.filter((s) => s.kind === 'markers').flatMap((s) => s.points);
    const largestMeasured = Math.max(...markers.map((p) => p.y));
    // The top mode grew 2¹² ≈ 4000-fold by step 12: the axis reaches it, and no further than the next power of ten.
    expect(largestMeasured).toBeGreaterThan(1000 * Math.abs(diverging.theory.modeCoefficients()[0]));
    const [lo, hi] = plot.yDomain!;
    expect(hi).toBeGreaterThanOrEqual(largestMeasured);
    expect(hi).toBeLessThanOrEqual(10 * largestMeasured);
    for (const p of markers.filter((q) => q.y >= lo)) expect(inside(p.y, plot.yDomain!)).toBe(true);
    // The modes that do not grow stay in view, not pushed off the bottom by the growth.
    for (const { k } of all.slice(1)) expect(inside(Math.abs(diverging.theory.modeCoefficients()[k]), plot.yDomain!)).toBe(true);
    const top = plot.series.find((s) => s.id === 'predicted-0')!.points;
    top.slice(0, -1).forEach((p) => expect(p.y).toBeLessThanOrEqual(hi));
    expect(top.at(-1)!.y).toBeGreaterThan(hi);
    expect(top.at(-1)!.x).toBeLessThan(50);
  });

  it('does the same on the loss chart', () => {
    const plot = lossPlot(diverging, records, 500, predictedEarlyStop(diverging, 500));
    const markers = plot.series.filter((s) => s.kind === 'markers').flatMap((s) => s.points);
    const [, hi] = plot.yDomain!;
    expect(hi).toBeLessThanOrEqual(10 * Math.max(...markers.map((p) => p.y)));
    for (const p of markers) expect(inside(p.y, plot.yDomain!)).toBe(true);
    for (const s of plot.series.filter((x) => x.kind === 'line')) s.points.slice(0, -1).forEach((p) => expect(p.y).toBeLessThanOrEqual(hi));
  });
});

describe('early stopping', () => {
  it('finds the least predicted held-out loss, checked against explicit GD at every step', () => {
    const horizon = 400;
    const stop = predictedEarlyStop(run, horizon);
    let best = { step: 0, loss: Infinity };
    for (let t = 0; t <= horizon; t++) {
      const { fTest } = explicitGd(kernel, yTrain, zeros, lr, t, test);
      const loss = halfMeanSquares(fTest, test.yTest);
      if (loss < best.loss) best = { step: t, loss };
    }
    // The search runs on a log grid of steps: within 1 % of the true minimum's loss.
    expect(stop.testLoss).toBeGreaterThanOrEqual(best.loss * (1 - 1e-9));
    expect(stop.testLoss).toBeLessThan(best.loss * 1.01);
    expect(stop.step).toBeGreaterThan(0);
    expect(stop.step).toBeLessThan(horizon);

    const plot = lossPlot(run, [record(0, zeros, yTrain), record(stop.step, zeros, yTrain, { testLoss: stop.testLoss })], horizon, stop);
    expect(plot.referenceLines).toHaveLength(1);
    plot.referenceLines[0].points.forEach((p) => expect(p.x).toBe(stop.step));
    const predictedTest = plot.series.find((s) => s.id === 'test-predicted')!.points;
    for (const p of predictedTest.filter((_, i) => i % 20 === 0)) {
      expect(p.y).toBeCloseTo(halfMeanSquares(explicitGd(kernel, yTrain, zeros, lr, p.x, test).fTest, test.yTest), 8);
    }
    for (const s of plot.series) for (const p of s.points) expect(Number.isFinite(p.y) && p.x >= 1).toBe(true);
  });

  it('draws the spectrum cut at λ = n/(ηt) from step 1', () => {
    expect(cutoffLine(run, 0)).toEqual([]);
    const [line] = cutoffLine(run, 25);
    line.points.forEach((p) => expect(p.y).toBeCloseTo(n / (lr * 25), 12));
    expect(line.points.map((p) => p.x)).toEqual([-0.5, n - 0.5]);
  });
});

describe('spectrumPlot', () => {
  it('draws every eigenvalue of a well-conditioned K₀, with the cut n/(ηt)', () => {
    const plot = spectrumPlot(run, 25);
    expect(plot.values).toEqual(run.theory.eigen.values);
    expect(plot.referenceLines.map((l) => l.label)).toEqual(['n/(ηt) at t = 25']);
  });

  it('leaves out eigenvalues below float32 round-off n·ε·λ_max and marks that floor', () => {
    // λ_m = 2 + 2 cos(2πm/8): 4, 3.41, 2, 0.59, 0, …; the m = 4 mode is exactly 0 but K₀ holds it only to round-off.
    const rankDeficient = circulantRun({ c: [2, 1, 0, 0, 0, 0, 0, 1], yTrain: new Array(8).fill(1), f0Train: new Array(8).fill(0), lr: 1 });
    const plot = spectrumPlot(rankDeficient, 0);
    const floor = 8 * 2 ** -23 * rankDeficient.theory.eigen.values[0];
    expect(plot.values.filter(Number.isNaN)).toHaveLength(1);
    plot.values.filter(Number.isFinite).forEach((v) => expect(v).toBeGreaterThan(floor));
    const [line] = plot.referenceLines;
    expect(line.label).toBe('float32 round-off');
    line.points.forEach((p) => expect(p.y).toBeCloseTo(floor, 15));
    expect(plot.yDomain![0]).toBeLessThanOrEqual(floor);
  });
});
