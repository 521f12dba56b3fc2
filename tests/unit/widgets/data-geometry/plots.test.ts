import { describe, expect, it } from 'vitest';
import type { TrainRecord } from '../../../../src/lib/nn';
import { costPlot, runningCost, spectrumPlot, trainingPlot } from '../../../../src/widgets/data-geometry/plots';
import type { LabelSpectrum } from '../../../../src/widgets/data-geometry/theory';

/** A four-mode spectrum with `resolved` modes above `floor`; costs are energy/λ for those. */
function spectrum(eigenvalues: number[], floor: number, energies = { noisy: [9, 8, 2, 1], clean: [10, 10, 1e-4, 1e-6] }): LabelSpectrum {
  const resolved = eigenvalues.filter((l) => l > floor).length;
  const modes = (energy: number[]) => {
    const cost = energy.slice(0, resolved).map((e, k) => e / eigenvalues[k]);
    return { energy, cost, squaredNorm: cost.reduce((a, b) => a + b, 0) };
  };
  return { eigenvalues, floor, resolved, noisy: modes(energies.noisy), clean: modes(energies.clean) };
}
const analytic = spectrum([8, 4, 0.01, 0.001], 1e-14);
const k0 = spectrum([8.1, 3.9, 0.02, 1e-7], 4e-6);

const isPowerOfTen = (x: number) => Math.abs(Math.log10(x) - Math.round(Math.log10(x))) < 1e-12;
const decades = ([lo, hi]: readonly [number, number]) => Math.log10(hi / lo);

describe('spectrumPlot', () => {
  it('draws the analytic eigenvalues as bars and K₀’s resolved ones as a guide, on a log axis of whole decades', () => {
    const plot = spectrumPlot(analytic, k0);
    expect(plot.values).toEqual(analytic.eigenvalues);
    const guide = plot.referenceLines.find((l) => l.label === 'K₀')!;
    // K₀'s last eigenvalue is below its float32 floor: left out, and the floor drawn instead.
    expect(guide.points.map((p) => p.y)).toEqual([8.1, 3.9, 0.02]);
    const floor = plot.referenceLines.find((l) => l.label === 'K₀ float32 round-off')!;
    expect(floor.points.map((p) => p.y)).toEqual([4e-6, 4e-6]);
    const [lo, hi] = plot.yDomain!;
    expect(isPowerOfTen(lo) && isPowerOfTen(hi)).toBe(true);
    expect(lo).toBeLessThanOrEqual(4e-6);
    expect(hi).toBeGreaterThanOrEqual(8.1);
    expect(spectrumPlot(analytic).referenceLines).toEqual([]);
  });

  it('leaves an empty slot for analytic eigenvalues lost in round-off and marks the double-precision floor', () => {
    const lossy = spectrum([8, 4, 0.01, 1e-16], 1e-14);
    const plot = spectrumPlot(lossy);
    expect(plot.values.slice(0, 3)).toEqual([8, 4, 0.01]);
    expect(plot.values[3]).toBeNaN();
    expect(plot.referenceLines.map((l) => l.label)).toEqual(['double round-off']);
  });
});

describe('costPlot', () => {
  it('adds the costs up mode by mode, each line ending at the norm, markers for K₀', () => {
    const { series } = costPlot(analytic, k0);
    expect(series.map((s) => [s.id, s.kind])).toEqual([
      ['noisy-cost', 'line'],
      ['clean-cost', 'line'],
      ['k0-noisy-cost', 'markers'],
    ]);
    const noisy = series[0].points;
    expect(noisy.map((p) => p.x)).toEqual([0, 1, 2, 3]);
    expect(noisy[1].y).toBeCloseTo(9 / 8 + 8 / 4, 12);
    expect(noisy.at(-1)!.y).toBeCloseTo(analytic.noisy.squaredNorm, 12);
    expect(series[1].points.at(-1)!.y).toBeCloseTo(analytic.clean.squaredNorm, 12);
    // K₀'s fourth mode is lost in round-off: its total stops at the third.
    expect(series[2].points).toHaveLength(3);
    for (const s of series) s.points.slice(1).forEach((p, i) => expect(p.y).toBeGreaterThanOrEqual(s.points[i].y));
  });

  it('keeps the axis to a few labelled decades, so the clean labels’ small total reads against the noisy one', () => {
    // Per-mode costs here span 10⁻⁴ … 10³; the running totals from the second mode on only 1 … 1000.
    const plot = costPlot(analytic, k0);
    expect(decades(plot.yDomain!)).toBeLessThanOrEqual(4);
    // However far the noisy labels' total climbs, at most eight decades (nine once widened to powers of ten).
    const steep = spectrum([8, 4, 1e-6, 1e-9], 1e-14, { noisy: [9, 8, 2, 1], clean: [1e-30, 20, 1e-6, 1e-8] });
    const wide = costPlot(steep);
    expect(decades(wide.yDomain!)).toBeLessThanOrEqual(9);
    // The clean labels' total (16) stays in view beside the noisy labels' 10⁹.
    expect(wide.series[1].points.at(-1)!.y).toBeGreaterThanOrEqual(wide.yDomain![0]);
    const clean = plot.series[1].points.at(-1)!.y;
    const noisy = plot.series[0].points.at(-1)!.y;
    expect(noisy / clean).toBeGreaterThan(100);
    for (const y of [clean, noisy]) expect(y >= plot.yDomain![0] && y <= plot.yDomain![1]).toBe(true);
  });

  it('marks where the modes lost in round-off begin', () => {
    const plot = costPlot(spectrum([8, 4, 0.01, 1e-16], 1e-14));
    const [edge] = plot.referenceLines;
    expect(edge.label).toBe('below double precision');
    expect(edge.points.map((p) => p.x)).toEqual([2.5, 2.5]);
    expect(costPlot(analytic).referenceLines).toEqual([]);
  });
});

describe('runningCost', () => {
  it('is the cumulative sum of the resolved modes’ costs', () => {
    expect(runningCost({ energy: [1, 1, 1], cost: [1, 2, 3], squaredNorm: 6 }).map((p) => p.y)).toEqual([1, 3, 6]);
  });
});

describe('trainingPlot', () => {
  const record = (step: number, trainLoss: number, testLoss: number): TrainRecord => ({
    step,
    trainLoss,
    testLoss,
    trainOutputs: [],
    paramChange: 0,
    layerWeightChange: [],
    diverged: false,
  });
  const records = [record(0, 0.5, 0.5), record(1, 0.3, 0.2), record(10, 0.2, 0.03), record(100, 0.1, 0.08)];
  const predicted = [1, 10, 100, 300].map((step) => ({ step, train: 0.3 / step ** 0.2, test: step === 10 ? 0.028 : 0.1 }));
  const plot = trainingPlot(records, predicted, { measured: 10, predicted: 12 }, 300);

  it('shows measured losses from step 1 as markers and predicted ones as lines over steps 1 to the total', () => {
    const kinds = Object.fromEntries(plot.series.map((s) => [s.id, s.kind]));
    expect(kinds).toEqual({ 'train-predicted': 'line', 'test-predicted': 'line', 'train-measured': 'markers', 'test-measured': 'markers' });
    expect(plot.series.find((s) => s.id === 'test-measured')!.points.map((p) => p.y)).toEqual([0.2, 0.03, 0.08]);
    expect(plot.xDomain).toEqual([1, 300]);
    const [lo, hi] = plot.yDomain!;
    expect(lo).toBeLessThanOrEqual(0.028);
    expect(hi).toBeGreaterThanOrEqual(0.3);
  });

  it('marks both best steps with vertical guides, the predicted one shorter', () => {
    const [measured, linearised] = plot.referenceLines;
    expect(measured.points.map((p) => p.x)).toEqual([10, 10]);
    expect(linearised.points.map((p) => p.x)).toEqual([12, 12]);
    expect(measured.points[0].y).toBe(plot.yDomain![0]);
    expect(measured.points[1].y).toBe(plot.yDomain![1]);
    expect(linearised.points[1].y).toBeLessThan(measured.points[1].y);
    expect(linearised.points[1].y).toBeGreaterThan(linearised.points[0].y);
  });

  it('draws no guide for a best step not yet known', () => {
    expect(trainingPlot(records.slice(0, 1), predicted, { predicted: 12 }, 300).referenceLines).toHaveLength(1);
    expect(trainingPlot([], [], {}, 300).referenceLines).toEqual([]);
  });

  it('clips a growing prediction at the top instead of stretching the axis over it', () => {
    const growing = [1, 2, 4, 8, 16].map((step) => ({ step, train: 0.5 * 3 ** step, test: 0.5 * 3 ** step }));
    const diverging = trainingPlot(records.slice(0, 2), growing, {}, 300);
    const [, hi] = diverging.yDomain!;
    expect(hi).toBeLessThanOrEqual(1);
    const line = diverging.series.find((s) => s.id === 'train-predicted')!.points;
    line.slice(0, -1).forEach((p) => expect(p.y).toBeLessThanOrEqual(hi));
    expect(line.length).toBeLessThan(growing.length);
  });
});
