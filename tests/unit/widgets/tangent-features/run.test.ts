/**
 * The widget's measurement on the CPU backend: one real GD step of a real network against the
 * linearised prediction from the kernel rows it measured.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../src/engine/engine';
import type { MlpConfig } from '../../../../src/lib/nn';
import { measureOneStep, type OneStepRequest } from '../../../../src/widgets/tangent-features/run';
import { A, B, analyseStep } from '../../../../src/widgets/tangent-features/theory';

const engine = createEngine();
const grid = Array.from({ length: 21 }, (_, i) => -1 + i / 10);

function request(network: Partial<MlpConfig>, lr: number, xa = -0.5): OneStepRequest {
  return {
    network: { inputDim: 1, width: 256, depth: 1, activation: 'relu', wStd: 1.4, bStd: 0.5, parameterization: 'ntk', seed: 1, ...network },
    xa,
    xb: 0.6,
    grid,
    target: 'sine',
    lr,
  };
}

describe('one measured gradient step', () => {
  it('matches −η Θ̂(x, x_a) r at width 1024 and leaves no tensors behind', async () => {
    await engine.init(['cpu']);
    const before = (await engine.memory()).numTensors;
    const m = await measureOneStep(engine, request({ width: 1024 }, 0.05));
    expect((await engine.memory()).numTensors).toBe(before);
    expect(m.inputs.slice(0, 2)).toEqual([-0.5, 0.6]);
    expect(m.targets[A]).toBeCloseTo(Math.sin(-0.5 * Math.PI), 12);
    // Θ̂ is symmetric: the two rows agree where they cross.
    expect(m.kernel.a[B]).toBeCloseTo(m.kernel.b[A], 4);
    const analysis = analyseStep(m, 0.05);
    expect(Math.max(...analysis.measured.map(Math.abs))).toBeGreaterThan(0.02); // a step that moves f visibly
    expect(analysis.error).toBeLessThan(0.01);
    expect(analysis.analyticError).toBeLessThan(0.25);
  });

  it('departs from the prediction at second order in η', async () => {
    // erf is smooth, so the gap is the second-order Taylor term: 4× η should give ≈ 4× the relative error.
    const small = analyseStep(await measureOneStep(engine, request({ activation: 'erf', wStd: 2 }, 0.05)), 0.05);
    const large = analyseStep(await measureOneStep(engine, request({ activation: 'erf', wStd: 2 }, 0.2)), 0.2);
    expect(small.error).toBeLessThan(0.01);
    expect(large.error / small.error).toBeGreaterThan(2.5);
    expect(large.error / small.error).toBeLessThan(6.5);
  });

  it('needs width for the infinite-width kernel to predict the step', async () => {
    const meanAnalyticError = async (width: number) => {
      const seeds = [1, 2, 3, 4, 5, 6];
      let total = 0;
      for (const seed of seeds) total += analyseStep(await measureOneStep(engine, request({ width, seed }, 0.05)), 0.05).analyticError;
      return total / seeds.length;
    };
    const narrow = await meanAnalyticError(16);
    const wide = await meanAnalyticError(1024);
    // Kernel fluctuations shrink like 1/√width: 64× the width, ≈ 8× less error; demand 3×.
    expect(wide).toBeLessThan(narrow / 3);
  });

  it('moves the peak of the kernel row with x_a', async () => {
    const left = analyseStep(await measureOneStep(engine, request({}, 0.05, -0.8)), 0.05);
    const right = analyseStep(await measureOneStep(engine, request({}, 0.05, 0.8)), 0.05);
    expect(left.peak).toBeLessThan(0);
    expect(right.peak).toBeGreaterThan(0);
  });
});
