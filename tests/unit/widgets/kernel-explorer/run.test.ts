/**
 * The widget's measurement end to end on the CPU backend: sampled networks on the circle of
 * inputs, compared with the analytic kernel exactly as the component does.
 */
import { describe, expect, it } from 'vitest';
import type { KernelSample, KernelSampleRequest } from '../../../../src/engine/api';
import { createEngine } from '../../../../src/engine/engine';
import { CircleGrid, INPUT_DIM, analyticAngleKernels } from '../../../../src/widgets/kernel-explorer/theory';
import { fitPowerLaw } from '../../../../src/lib/ntk';
import { errorsByWidth } from '../../../../src/widgets/kernel-explorer/measures';
import { sampleOneByOne, sweepWidths } from '../../../../src/widgets/kernel-explorer/run';

const engine = createEngine();
const spec = { depth: 1, activation: 'relu', wStd: 1, bStd: 0 } as const;
const network = { ...spec, inputDim: INPUT_DIM, parameterization: 'ntk' } as const;

async function sampleAll(request: KernelSampleRequest): Promise<KernelSample[]> {
  const samples: KernelSample[] = [];
  await sampleOneByOne(engine, request, (s) => samples.push(s));
  return samples;
}

describe('sampling one network at a time', () => {
  it('returns every (width, seed) pair in order with progress, as one batched call would', async () => {
    await engine.init(['cpu']);
    const grid = new CircleGrid(7);
    const request: KernelSampleRequest = { network, widths: [32, 16], seeds: [5, 6], x1: grid.inputs };
    const progress: [number, number][] = [];
    const samples: KernelSample[] = [];
    await sampleOneByOne(engine, request, (s, done, total) => {
      samples.push(s);
      progress.push([done, total]);
    });
    expect(samples.map((s) => [s.width, s.seed])).toEqual([[32, 5], [32, 6], [16, 5], [16, 6]]);
    expect(progress).toEqual([[1, 4], [2, 4], [3, 4], [4, 4]]);
    const batched = await engine.sampleKernels(request);
    samples.forEach((s, i) => expect(Array.from(s.kernel)).toEqual(Array.from(batched[i].kernel)));
  });

  it('stops once aborted, without reporting the sample in flight', async () => {
    const grid = new CircleGrid(5);
    const controller = new AbortController();
    const seen: number[] = [];
    await sampleOneByOne(
      engine,
      { network, widths: [16], seeds: [1, 2, 3, 4], x1: grid.inputs },
      (s) => {
        seen.push(s.seed);
        if (s.seed === 2) controller.abort();
      },
      controller.signal,
    );
    expect(seen).toEqual([1, 2]);
  });
});

describe('finite width against the analytic kernel', () => {
  const grid = new CircleGrid(61);
  const analytic = analyticAngleKernels(grid, spec);

  it('the diagonal fluctuates with relative sd √(3/m), the chapter formula', async () => {
    const width = 64;
    const seeds = Array.from({ length: 80 }, (_, i) => 100 + i);
    const samples = await sampleAll({ network, widths: [width], seeds, x1: [grid.inputs[grid.centre]] });
    const diagonal = samples.map((s) => s.kernel[0]);
    const mean = diagonal.reduce((a, b) => a + b) / diagonal.length;
    const sd = Math.sqrt(diagonal.reduce((s, v) => s + (v - mean) ** 2, 0) / (diagonal.length - 1));
    // 80 draws estimate the sd to ≈ ±8 %; the mean to ±0.025.
    expect(mean).toBeCloseTo(analytic.ntk[grid.centre], 1);
    expect(sd / analytic.ntk[grid.centre]).toBeGreaterThan(0.8 * Math.sqrt(3 / width));
    expect(sd / analytic.ntk[grid.centre]).toBeLessThan(1.2 * Math.sqrt(3 / width));
  });

  it('the Gram matrix error falls like width^(−1/2)', async () => {
    const widths = sweepWidths(1024);
    const samples = await sampleAll({ network, widths, seeds: [1, 2, 3, 4, 5, 6, 7, 8], x1: grid.inputs });
    const errors = errorsByWidth(samples, analytic.ntkGram);
    expect(errors.map((e) => e.width)).toEqual(widths);
    const { slope: exponent } = fitPowerLaw(errors.map((e) => ({ x: e.width, y: e.error })))!;
    expect(exponent).toBeGreaterThan(-0.65);
    expect(exponent).toBeLessThan(-0.35);
  });
});

describe('sweep widths', () => {
  it('are powers of two up to the chosen width, which is always last', () => {
    expect(sweepWidths(256)).toEqual([16, 32, 64, 128, 256]);
    expect(sweepWidths(200)).toEqual([16, 32, 64, 128, 200]);
    expect(sweepWidths(180)).toEqual([16, 32, 64, 180]);
    expect(sweepWidths(4096)).toEqual([16, 32, 64, 128, 256, 512, 1024, 2048, 4096]);
  });

  it('extend past a narrow chosen width so that a slope can be fitted', () => {
    expect(sweepWidths(16)).toEqual([16, 32, 64]);
    expect(sweepWidths(40)).toEqual([16, 40, 80]);
  });
});

