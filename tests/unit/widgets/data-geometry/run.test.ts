import { describe, expect, it } from 'vitest';
import { defaults } from '../../../../src/lib/settings';
import { cleanLabels, kernelSpec, makeProblem, networkConfig, runRequest, TEST_POINTS } from '../../../../src/widgets/data-geometry/run';
import { schema } from '../../../../src/widgets/data-geometry/schema';

describe('makeProblem', () => {
  const settings = { n: 20, spread: 0.05, noise: 0.15, seed: 7 };
  const problem = makeProblem(settings);

  it('labels each training point by its cluster, then flips exactly round(noise·n) of them', () => {
    // With spread 0.05 around (±1, 0) every point lies on its centre's side of x₀ = 0.
    expect(problem.yClean).toEqual(problem.xTrain.map(([x0]) => Math.sign(x0)));
    // The run's clean labels follow from its n alone (the model reads them for K₀ that way).
    expect(cleanLabels(settings.n)).toEqual(problem.yClean);
    const flipped = problem.yNoisy.filter((y, i) => y !== problem.yClean[i]);
    expect(flipped).toHaveLength(Math.round(settings.noise * settings.n));
    expect(problem.yNoisy.every((y, i) => y === problem.yClean[i] || y === -problem.yClean[i])).toBe(true);
  });

  it('tests on fresh points from the same clusters with clean labels', () => {
    expect(problem.xTest).toHaveLength(TEST_POINTS);
    expect(problem.yTest).toEqual(problem.xTest.map(([x0]) => Math.sign(x0)));
    const centreDistance = (x: number[]) => Math.hypot(Math.abs(x[0]) - 1, x[1]);
    expect(Math.max(...problem.xTest.map(centreDistance))).toBeLessThan(6 * settings.spread);
    const trainKeys = new Set(problem.xTrain.map((x) => x.join()));
    expect(problem.xTest.some((x) => trainKeys.has(x.join()))).toBe(false);
  });

  it('is reproducible from its settings, and the seed changes the draw', () => {
    expect(makeProblem(settings)).toEqual(problem);
    expect(makeProblem({ ...settings, seed: 8 }).xTrain).not.toEqual(problem.xTrain);
  });

  it('keeps every label clean without noise', () => {
    const clean = makeProblem({ ...settings, noise: 0 });
    expect(clean.yNoisy).toEqual(clean.yClean);
  });
});

describe('networkConfig', () => {
  it('is the network whose infinite-width kernel is kernelSpec', () => {
    const config = networkConfig({ activation: 'erf', depth: 3, width: 256, parameterization: 'ntk', seed: 3 });
    expect(config).toEqual({ ...kernelSpec({ activation: 'erf', depth: 3 }), inputDim: 2, width: 256, parameterization: 'ntk', seed: 3 });
    expect(config.depth).toBe(3);
  });
});

describe('runRequest', () => {
  const settings = defaults(schema);
  const problem = makeProblem(settings);

  it('trains the centred network on the noisy labels and tests on the clean ones, NTK and α = 1 by default', () => {
    expect(settings.parameterization).toBe('ntk');
    expect(settings.alpha).toBe(1);
    const request = runRequest(settings, problem);
    expect(request.network).toEqual(networkConfig(settings));
    expect(request.network.parameterization).toBe('ntk');
    expect(request.options).toEqual({ lr: settings.lr, alpha: 1, centered: true });
    expect(request.data).toEqual({ xTrain: problem.xTrain, yTrain: problem.yNoisy, xTest: problem.xTest, yTest: problem.yTest });
  });

  it('passes the chosen parameterisation and output scale α to the run', () => {
    const request = runRequest({ ...settings, parameterization: 'standard', alpha: 3, lr: 0.01 }, problem);
    expect(request.network.parameterization).toBe('standard');
    expect(request.options).toEqual({ lr: 0.01, alpha: 3, centered: true });
    expect(runRequest({ ...settings, parameterization: 'mup' }, problem).network.parameterization).toBe('mup');
  });
});
