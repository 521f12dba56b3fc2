import { describe, expect, it } from 'vitest';
import type { TrainRecord } from '../../../../src/lib/nn';
import type { LabelSpectrum } from '../../../../src/widgets/data-geometry/labelSpectrum';
import { modePlot, spectrumPlot, trainingPlot } from '../../../../src/widgets/data-geometry/plots';

const spectrum = (eigenvalues: number[]): LabelSpectrum => ({
  eigenvalues,
  noisy: { energy: [9, 8, 2, 1], cost: [1, 2, 200, 1000], squaredNorm: 1203 },
  clean: { energy: [10, 10, 0, 1e-30], cost: [1.1, 2.5, 0, 1e-27], squaredNorm: 3.6 },
});
const analytic = spectrum([8, 4, 0.01, 0.001]);
const k0 = spectrum([8.1, 3.9, 0.02, 0]);

const isPowerOfTen = (x: number) => Math.abs(Math.log10(x) - Math.round(Math.log10(x))) < 1e-12;

describe('spectrumPlot', () => {
  it('draws the analytic eigenvalues as bars and K₀’s as a guide, on a log axis of whole decades', () => {
    const plot = spectrumPlot(analytic, k0);
    expect(plot.values).toEqual(analytic.eigenvalues);
    expect(plot.referenceLines[0].points.map((p) => p.y)).toEqual(k0.eigenvalues);
    const [lo, hi] = plot.yDomain!;
    expect(isPowerOfTen(lo) && isPowerOfTen(hi)).toBe(true);
    expect(lo).toBeLessThanOrEqual(0.001);
    expect(hi).toBeGreaterThanOrEqual(8.1);
    expect(spectrumPlot(analytic).referenceLines).toEqual([]);
  });
});

describe('modePlot', () => {
  it('has one point per mode in each series, markers for K₀, and a range that ignores round-off', () => {
    const { series, yDomain } = modePlot(analytic, k0);
    expect(series.map((s) => s.kind)).toEqual(['line', 'line', 'line', 'markers']);
    for (const s of series) expect(s.points.map((p) => p.x)).toEqual([0, 1, 2, 3]);
    expect(series[1].points.map((p) => p.y)).toEqual(analytic.noisy.cost);
    const [lo, hi] = yDomain!;
    expect(hi).toBe(1000);
    // The clean labels' 1e-27 would otherwise stretch the axis over thirty decades.
    expect(lo).toBeGreaterThanOrEqual(1e-9);
    expect(lo).toBeLessThanOrEqual(1e-5);
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

  it('shows measured losses as markers and predicted ones as lines over steps 1 to the total', () => {
    const kinds = Object.fromEntries(plot.series.map((s) => [s.id, s.kind]));
    expect(kinds).toEqual({ 'train-predicted': 'line', 'test-predicted': 'line', 'train-measured': 'markers', 'test-measured': 'markers' });
    expect(plot.series.find((s) => s.id === 'test-measured')!.points.map((p) => p.y)).toEqual([0.5, 0.2, 0.03, 0.08]);
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
});
