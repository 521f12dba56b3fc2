/**
 * Recomputes every number the chapters state (content/claims.ts) without the code that produced
 * it: finite differences, Monte Carlo over sampled networks, simulated descent and closed forms
 * written out here from scratch.
 */
import { describe, expect, it } from 'vitest';
import { Matrix as MlMatrix, inverse } from 'ml-matrix';
import {
  convention,
  diagonalRelativeStd,
  driftSpec,
  eigenmodeDeparture,
  fluctuation,
  kernelShape,
  lossBoundExercise,
  mupRate,
  reluSlowModes,
  rkhsExercise,
  spectralBias,
  stabilityExercise,
  standardKernel,
  tangentExample,
  twoPointExample,
  twoUnitNetwork,
  twoUnitParameters,
  widthExercise,
} from '../../../content/claims';
import recording from '../../../content/measured/slowModes.json' with { type: 'json' };
import { formatNumber } from '../../../src/lib/format';
import { analyticKernels, createRng, rbfKernel, standardParameterizationKernel, type Rng } from '../../../src/lib/ntk';
import { defaults } from '../../../src/lib/settings';
import { schema as eigenmodeSchema } from '../../../src/widgets/eigenmode-decay/schema';
import { schema as explorerSchema } from '../../../src/widgets/kernel-explorer/schema';
import { DRIFT_DATA } from '../../../src/widgets/ntk-drift/run';
import { MAX_WIDTH } from '../../../src/widgets/kit/settings';
import type { SlowModesRecording } from '../../measure/slowModes';

const relu = (z: number) => Math.max(z, 0);
const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, ai, i) => s + ai * b[i], 0);

/** ∇θ f by central differences. */
function numericalGradient(f: (theta: number[]) => number, theta: readonly number[], h = 1e-6): number[] {
  return theta.map((_, i) => {
    const up = [...theta];
    const down = [...theta];
    up[i] += h;
    down[i] -= h;
    return (f(up) - f(down)) / (2 * h);
  });
}

/**
 * Empirical NTK of f(x) = (1/√m) Σⱼ vⱼ·s·relu(wⱼ·x/√d) at one random initialisation (w, v ~ N(0, 1)),
 * from its explicit parameter gradient: ∂f/∂vⱼ = s·relu(hⱼ)/√m, ∂f/∂wⱼ = vⱼ·s·[hⱼ > 0]·x/√(md).
 * s = 1 is the stax network with W_std = 1, b_std = 0; s = √2 is the He-scaled ReLU.
 */
function sampledNtk(rng: Rng, width: number, x: number[], y: number[], scale = 1): number {
  const d = x.length;
  const inputProduct = dot(x, y) / d;
  let sum = 0;
  for (let j = 0; j < width; j++) {
    let hx = 0;
    let hy = 0;
    for (let i = 0; i < d; i++) {
      const w = rng.normal();
      hx += w * x[i];
      hy += w * y[i];
    }
    hx /= Math.sqrt(d);
    hy /= Math.sqrt(d);
    const v = rng.normal();
    const readout = relu(hx) * relu(hy);
    const hidden = v * v * (hx > 0 && hy > 0 ? 1 : 0) * inputProduct;
    sum += scale * scale * (readout + hidden);
  }
  return sum / width;
}

function meanAndStd(samples: number[]): { mean: number; std: number } {
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const variance = samples.reduce((a, b) => a + (b - mean) ** 2, 0) / (samples.length - 1);
  return { mean, std: Math.sqrt(variance) };
}

/** Two inputs in the plane at angle γ, each with x·x/d = 1 (d = 2). */
function pairAtAngle(angle: number): [number[], number[]] {
  const r = Math.SQRT2;
  return [
    [r, 0],
    [r * Math.cos(angle), r * Math.sin(angle)],
  ];
}

/** The one-hidden-layer ReLU NTK in our convention, written out from the arc-cosine kernels. */
function reluNtkClosedForm(angle: number): number {
  const u = Math.cos(angle);
  const k0 = (Math.PI - angle) / Math.PI;
  const k1 = (Math.sin(angle) + (Math.PI - angle) * u) / Math.PI;
  return (k1 + u * k0) / 2;
}

describe('chapter 1: tangent features of the two-unit network', () => {
  const f = (x: number) => (theta: number[]) => twoUnitNetwork(theta, x);
  const gradient = (x: number) => numericalGradient(f(x), twoUnitParameters);

  it('computes |x|, so inputs a and b share an output', () => {
    const { inputs, outputs } = tangentExample;
    for (const key of ['a', 'b', 'c'] as const) expect(outputs[key]).toBe(Math.abs(inputs[key]));
    expect(outputs.a).toBe(outputs.b);
  });

  it('states the gradients that finite differences measure', () => {
    const { inputs, features } = tangentExample;
    for (const key of ['a', 'b', 'c'] as const) {
      gradient(inputs[key]).forEach((g, i) => expect(features[key][i]).toBeCloseTo(g, 8));
    }
  });

  it('states the kernel values of those gradients: a ⟂ b, a ∥ c', () => {
    const { inputs, kernel } = tangentExample;
    const [ga, gb, gc] = [inputs.a, inputs.b, inputs.c].map(gradient);
    expect(kernel.aa).toBeCloseTo(dot(ga, ga), 8);
    expect(kernel.ab).toBeCloseTo(dot(ga, gb), 8);
    expect(kernel.ac).toBeCloseTo(dot(ga, gc), 8);
    expect(kernel.ab).toBe(0);
    expect(dot(ga, gc) / Math.sqrt(dot(ga, ga) * dot(gc, gc))).toBeCloseTo(1, 8);
  });

  it('as the prose says: each of a and b is computed by a different unit, and c’s output differs from a’s', () => {
    const { features, outputs } = tangentExample;
    features.a.forEach((fa, i) => expect(Math.abs(fa * features.b[i])).toBe(0));
    expect(outputs.c).not.toBe(outputs.a);
  });

  it('a step that fits a leaves b untouched, as Θ(a, b) = 0 says', () => {
    const { inputs } = tangentExample;
    const stepped = twoUnitParameters.map((t, i) => t + 1e-3 * gradient(inputs.a)[i]);
    expect(twoUnitNetwork(stepped, inputs.b)).toBe(twoUnitNetwork(twoUnitParameters, inputs.b));
    expect(twoUnitNetwork(stepped, inputs.a)).toBeGreaterThan(twoUnitNetwork(twoUnitParameters, inputs.a));
  });
});

describe('chapter 2: convention, kernel shape and finite-width fluctuation', () => {
  it('Θ(x, x) = 1 in our convention: E[relu(h)²] + E[[h > 0]] = 1/2 + 1/2 by quadrature', () => {
    // Midpoint rule for E over h ~ N(0, 1) on [−10, 10].
    const n = 200_000;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const h = -10 + ((i + 0.5) * 20) / n;
      total += ((relu(h) ** 2 + (h > 0 ? 1 : 0)) * Math.exp(-h * h / 2) * 20) / n / Math.sqrt(2 * Math.PI);
    }
    expect(convention.diagonal).toBeCloseTo(total, 6);
    expect(convention.diagonal).toBeCloseTo(1, 12);
  });

  it('the write-ups’ closed form is exactly twice ours, for any inputs', () => {
    const rng = createRng(7);
    const d = 5;
    const xs = Array.from({ length: 6 }, () => Array.from({ length: d }, () => 2 * rng.normal()));
    const { ntk } = analyticKernels(xs, xs, { depth: 1, activation: 'relu', wStd: 1, bStd: 0 });
    xs.forEach((x, i) =>
      xs.forEach((y, j) => {
        const norms = Math.sqrt(dot(x, x) * dot(y, y));
        const u = Math.max(-1, Math.min(1, dot(x, y) / norms));
        const k0 = (Math.PI - Math.acos(u)) / Math.PI;
        const k1 = (Math.sqrt(1 - u * u) + (Math.PI - Math.acos(u)) * u) / Math.PI;
        // ‖x‖‖x′‖ of the closed form is ‖x‖‖x′‖/d here: inputs enter our first layer as x/√d.
        expect((norms / d) * (k1 + u * k0)).toBeCloseTo(2 * ntk[i][j], 10);
      }),
    );
    expect(convention.closedFormDiagonal / convention.diagonal).toBeCloseTo(2, 12);
  });

  it('the factor two is the He scaling: sampled networks with √2·relu match the closed form', () => {
    const rng = createRng(11);
    for (const angle of [0, 1, 2.5]) {
      const [x, y] = pairAtAngle(angle);
      const samples = Array.from({ length: 10 }, () => sampledNtk(rng, 20_000, x, y, Math.SQRT2));
      const closedForm = 2 * reluNtkClosedForm(angle);
      expect(Math.abs(meanAndStd(samples).mean - closedForm)).toBeLessThan(0.02 * convention.closedFormDiagonal);
    }
    expect(convention.closedFormDiagonal).toBeCloseTo(2 * reluNtkClosedForm(0), 12);
  });

  it('Θ = 1/(2π) at right angles (independent units: E[relu]² = 1/(2π)) and 0 at opposite points', () => {
    expect(kernelShape.orthogonal).toBeCloseTo(1 / (2 * Math.PI), 12);
    expect(kernelShape.opposite).toBeCloseTo(0, 12);
  });

  it('near γ = 0 the kernel has a cusp: 1 − Θ(γ) ≈ γ/(2π)', () => {
    for (const angle of [1e-4, 1e-5]) expect((1 - reluNtkClosedForm(angle)) / (angle / (2 * Math.PI))).toBeCloseTo(1, 3);
  });

  it('the diagonal of sampled networks fluctuates with relative std √(3/m)', () => {
    const rng = createRng(3);
    const [x] = pairAtAngle(0);
    for (const width of [fluctuation.narrow.width, widthExercise.answer]) {
      const samples = Array.from({ length: 4000 }, () => sampledNtk(rng, width, x, x));
      const { mean, std } = meanAndStd(samples);
      expect(mean).toBeCloseTo(1, 1);
      // The std of 4000 samples is itself uncertain by about 2% here.
      expect(std / mean / diagonalRelativeStd(width)).toBeGreaterThan(0.93);
      expect(std / mean / diagonalRelativeStd(width)).toBeLessThan(1.07);
    }
  });

  it('without biases the kernel is homogeneous: Θ(cx, x′) = cΘ(x, x′) for c > 0', () => {
    const spec = { depth: 1, activation: 'relu', wStd: 1, bStd: 0 } as const;
    const x = [0.3, -1.2, 0.8];
    const y = [1.1, 0.4, -0.5];
    const base = analyticKernels([x], [y], spec).ntk[0][0];
    for (const c of [0.5, 2, 7]) expect(analyticKernels([x.map((xi) => c * xi)], [y], spec).ntk[0][0]).toBeCloseTo(c * base, 12);
  });

  it('a hundred times the width buys a tenth of the noise', () => {
    expect(fluctuation.wide.width / fluctuation.narrow.width).toBe(100);
    expect(fluctuation.wide.relativeStd / fluctuation.narrow.relativeStd).toBeCloseTo(0.1, 12);
  });

  it('states √(3/m) at the widths the prose names, and the width for a 10% fluctuation', () => {
    expect(fluctuation.narrow.relativeStd).toBeCloseTo(Math.sqrt(3 / 100), 12);
    expect(fluctuation.wide.relativeStd).toBeCloseTo(Math.sqrt(3 / 10_000), 12);
    expect(diagonalRelativeStd(widthExercise.answer)).toBeCloseTo(widthExercise.relativeStd, 12);
  });
});

describe('chapter 3: the loss bound and the stability limit', () => {
  it('the flow bound reaches the target at the stated time (RK4 on the slowest mode)', () => {
    const { loss0, lambdaMin, n, lr, target, answer } = lossBoundExercise;
    // The bound is tight when r₀ lies along the λ_min eigenvector: ṙ = −(η/n)λ_min r, L = r²/(2n).
    let r = Math.sqrt(2 * n * loss0);
    const steps = 20_000;
    const dt = answer / steps;
    const rate = (lr / n) * lambdaMin;
    for (let i = 0; i < steps; i++) {
      const k1 = -rate * r;
      const k2 = -rate * (r + (dt / 2) * k1);
      const k3 = -rate * (r + (dt / 2) * k2);
      const k4 = -rate * (r + dt * k3);
      r += (dt / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
    }
    expect((r * r) / (2 * n) / target).toBeCloseTo(1, 6);
    expect(answer).toBeCloseTo((n * Math.log(loss0 / target)) / (2 * lr * lambdaMin), 9);
  });

  it('as the solution says: dropping η/n gives the same number only because η = n here', () => {
    const { loss0, lambdaMin, n, lr, target, answer } = lossBoundExercise;
    expect(lr).toBe(n);
    // The rate quoted as 2λ_min: L(0)e^{−2λ_min t} = L* at t = ln(L(0)/L*)/(2λ_min).
    expect(Math.log(loss0 / target) / (2 * lambdaMin)).toBeCloseTo(answer, 9);
  });

  it('as the solution says: at half the limit the top mode is removed in a single step', () => {
    const { n, lambdaMax, answer } = stabilityExercise;
    expect(1 - ((answer / 2) * lambdaMax) / n).toBe(0);
  });

  it('GD on the top mode converges just below the stated limit and diverges just above', () => {
    const { n, lambdaMax, answer } = stabilityExercise;
    const residualAfter = (lr: number, steps: number) => {
      let r = 1;
      for (let t = 0; t < steps; t++) r -= (lr / n) * lambdaMax * r;
      return Math.abs(r);
    };
    expect(residualAfter(0.99 * answer, 2000)).toBeLessThan(1e-6);
    expect(residualAfter(1.01 * answer, 2000)).toBeGreaterThan(1e6);
    expect(answer).toBeCloseTo((2 * n) / lambdaMax, 12);
  });
});

describe('chapter 4: spectral bias and RKHS norms', () => {
  it('at η = n/λ_max the strong mode is gone after one step; the weak one keeps (1 − 1/ratio)^steps', () => {
    const { ratio, steps, strongAfterOneStep, weakRemaining } = spectralBias;
    let weak = 1;
    for (let t = 0; t < steps; t++) weak -= weak / ratio; // r ← r − (η/n)λ r with ηλ/n = 1/ratio
    expect(strongAfterOneStep).toBe(0);
    expect(weakRemaining).toBeCloseTo(weak, 12);
    expect(weakRemaining).toBeCloseTo(Math.exp(-1), 1);
  });

  it('as the prose says: (1 − 1/ρ)^ρ ≈ 1/e applies because the steps equal the ratio ρ, and ρ is large', () => {
    const { ratio, steps, weakRemaining } = spectralBias;
    expect(steps).toBe(ratio);
    expect(Math.abs(weakRemaining * Math.E - 1)).toBeLessThan(0.01);
  });

  it('two nearby points: similarity and the norms 2/(1 ± c) of equal and opposite labels', () => {
    const { angle, angleDegrees, similarity, sameLabels, oppositeLabels, costRatio } = twoPointExample;
    const c = reluNtkClosedForm(angle);
    expect(similarity).toBeCloseTo(c, 12);
    expect(sameLabels).toBeCloseTo(2 / (1 + c), 9);
    expect(oppositeLabels).toBeCloseTo(2 / (1 - c), 9);
    expect(costRatio).toBeCloseTo((1 + c) / (1 - c), 9);
    expect(angleDegrees).toBeCloseTo(5.7296, 4);
  });

  it('opposite labels cost about 4π/γ as the points merge (from the cusp), 1/γ² under a Gaussian kernel', () => {
    for (const angle of [1e-4, 1e-5]) expect((2 / (1 - reluNtkClosedForm(angle))) / ((4 * Math.PI) / angle)).toBeCloseTo(1, 3);
    const gaussianCostTimesAngleSquared = (angle: number) => {
      const [x, y] = pairAtAngle(angle);
      const [[, c]] = rbfKernel([x], [x, y], 1);
      return (2 / (1 - c)) * angle ** 2;
    };
    expect(gaussianCostTimesAngleSquared(1e-3) / gaussianCostTimesAngleSquared(1e-2)).toBeCloseTo(1, 3);
  });

  it('the exercise answer is yᵀΘ⁻¹y for the 2×2 kernel, solved by hand', () => {
    const c = rkhsExercise.similarity;
    // Θ⁻¹ = [[1, −c], [−c, 1]]/(1 − c²); y = (1, −1).
    expect(rkhsExercise.answer).toBeCloseTo((1 + 2 * c + 1) / (1 - c * c), 9);
  });
});

describe('chapter 4, measured: the recording behind the slow-modes paragraph', () => {
  const { settings, measurements } = recording as SlowModesRecording;
  const widthsOf = (activation: string) => [...new Set(measurements.filter((m) => m.activation === activation).map((m) => m.width))].sort((a, b) => a - b);
  const seedsOf = (activation: string) => [...new Set(measurements.filter((m) => m.activation === activation).map((m) => m.seed))];
  const excess = (width: number) =>
    measurements.filter((m) => m.activation === 'relu' && m.width === width).map((m) => m.network / m.linearised - 1);
  const erfGap = (width: number) =>
    Math.max(...measurements.filter((m) => m.activation === 'erf' && m.width === width).map((m) => Math.abs(m.network / m.linearised - 1)));

  it('covers several seeds at every width, both activations, from 512 to 65 536 and the widget’s widest', () => {
    for (const activation of ['relu', 'erf']) {
      expect(seedsOf(activation).length).toBeGreaterThanOrEqual(5);
      expect(widthsOf(activation)).toEqual([512, 1024, 2048, 4096, 8192, 16384, 32768, 65536]);
      expect(measurements.filter((m) => m.activation === activation)).toHaveLength(widthsOf(activation).length * seedsOf(activation).length);
    }
    expect(widthsOf('relu')).toContain(MAX_WIDTH);
    expect(settings).toMatchObject({ n: 20, spread: 0.2, noise: 0.1, lr: 2, depth: 1, parameterization: 'ntk', alpha: 1 });
    expect(reluSlowModes.steps).toBe(settings.steps);
    expect(reluSlowModes.seeds).toBe(seedsOf('relu').length);
  });

  it('states the range of the excess at the widget’s widest width and at the widest measured', () => {
    for (const stated of [reluSlowModes.widget, reluSlowModes.widest]) {
      expect(stated.min).toBe(Math.min(...excess(stated.width)));
      expect(stated.max).toBe(Math.max(...excess(stated.width)));
    }
    expect(reluSlowModes.widget.width).toBe(MAX_WIDTH);
    expect(reluSlowModes.widest.width).toBe(65536);
  });

  it('as the prose says: the network is slower at every width and seed, still at the widest, and the mean excess falls about like m^(−0.1)', () => {
    for (const width of widthsOf('relu')) expect(Math.min(...excess(width))).toBeGreaterThan(0.1);
    const means = widthsOf('relu').map((w) => excess(w).reduce((a, b) => a + b, 0) / excess(w).length);
    expect(reluSlowModes.narrow.mean).toBeCloseTo(means[0], 12);
    expect(reluSlowModes.widest.mean).toBeCloseTo(means[means.length - 1], 12);
    expect(reluSlowModes.widest.mean).toBeLessThan(reluSlowModes.narrow.mean);
    // Least squares of ln(mean) on log₂(width), rescaled to ln(width).
    const x = widthsOf('relu').map(Math.log2);
    const y = means.map(Math.log);
    const xm = x.reduce((a, b) => a + b, 0) / x.length;
    const ym = y.reduce((a, b) => a + b, 0) / y.length;
    const slope = x.reduce((s, xi, i) => s + (xi - xm) * (y[i] - ym), 0) / x.reduce((s, xi) => s + (xi - xm) ** 2, 0) / Math.LN2;
    expect(reluSlowModes.exponent).toBeCloseTo(slope, 9);
    expect(formatNumber(reluSlowModes.exponent, 1)).toBe('−0.1');
  });

  it('as the prose and the widget’s caption say: erf agrees within the stated bounds, the closer the wider', () => {
    const { narrow, widget, widest } = reluSlowModes.erf;
    for (const stated of [narrow, widget, widest]) {
      expect(erfGap(stated.width)).toBeLessThanOrEqual(stated.gap);
      // Rounded up to one significant digit, no further.
      expect(erfGap(stated.width)).toBeGreaterThan(stated.gap - 10 ** Math.floor(Math.log10(stated.gap)));
    }
    expect([narrow.width, widget.width, widest.width]).toEqual([512, MAX_WIDTH, 65536]);
    expect(widget.gap).toBeLessThan(narrow.gap);
    expect(widest.gap).toBeLessThanOrEqual(widget.gap);
  });

  it('the eigenmode claim is stated for that widget’s default width, and “wide” is the widest it offers', () => {
    expect(eigenmodeDeparture.width).toBe(defaults(eigenmodeSchema).width);
    expect(eigenmodeDeparture.wideWidth).toBe(MAX_WIDTH);
  });
});

describe('chapter 5: the standard parameterisation’s kernel on the drift widget’s points', () => {
  const n = DRIFT_DATA.xTrain.length;
  const thetas = DRIFT_DATA.xTrain.map(([c, s]) => Math.atan2(s, c));

  /**
   * Both kernels of the drift network at angle γ, written out from the arc-cosine kernels: inputs on
   * the unit circle in ℝ², so K¹ = W²·cos γ/2 + b² (x·x′/d with d = 2).
   */
  function kernelsAt(gamma: number): { ntk: number; standard: number } {
    const { wStd, bStd } = driftSpec;
    const variance = (wStd * wStd) / 2 + bStd * bStd;
    const k1 = ((wStd * wStd) / 2) * Math.cos(gamma) + bStd * bStd;
    const angle = Math.acos(Math.max(-1, Math.min(1, k1 / variance)));
    const t = (variance / (2 * Math.PI)) * (Math.sin(angle) + (Math.PI - angle) * Math.cos(angle));
    const tDot = (Math.PI - angle) / (2 * Math.PI);
    return { ntk: wStd * wStd * t + bStd * bStd + wStd * wStd * tDot * k1, standard: t };
  }

  /** Eigenvalue of a circulant kernel on n evenly spaced points at frequency k: Σ_j K(2πj/n) cos(2πjk/n). */
  const eigenvalue = (kind: 'ntk' | 'standard', k: number) =>
    Array.from({ length: n }, (_, j) => kernelsAt((2 * Math.PI * j) / n)[kind] * Math.cos((2 * Math.PI * j * k) / n)).reduce((a, b) => a + b, 0);
  const share = (kind: 'ntk' | 'standard', k: number) => {
    const all = Array.from({ length: n / 2 + 1 }, (_, f) => eigenvalue(kind, f));
    return eigenvalue(kind, k) / Math.max(...all);
  };

  it('the points are evenly spaced on the unit circle, and the network is one hidden ReLU layer', () => {
    thetas.forEach((t, i) => expect(((t - (2 * Math.PI * i) / n + 3 * Math.PI) % (2 * Math.PI)) - Math.PI).toBeCloseTo(0, 12));
    DRIFT_DATA.xTrain.forEach(([a, b]) => expect(a * a + b * b).toBeCloseTo(1, 12));
    expect(driftSpec).toMatchObject({ depth: 1, activation: 'relu' });
    expect(standardKernel.points).toBe(n);
  });

  it('states the shares of λ_max of the cos 4θ mode, from a DFT of the closed-form kernels', () => {
    expect(standardKernel.frequency).toBe(4); // the prose writes cos 4θ
    expect(standardKernel.ntk).toBeCloseTo(share('ntk', 4), 9);
    expect(standardKernel.standard).toBeCloseTo(share('standard', 4), 9);
    expect(standardKernel.slowdown).toBeCloseTo(share('ntk', 4) / share('standard', 4), 9);
  });

  it('as the prose says: the widget’s target has a cos 4θ term', () => {
    const amplitude = (2 / n) * DRIFT_DATA.yTrain.reduce((s, y, i) => s + y * Math.cos(4 * thetas[i]), 0);
    expect(amplitude).toBeCloseTo(0.5, 9);
  });

  it('as the prose says: at one fraction of the stability limit that term takes the stated number of times more steps', () => {
    // GD on one mode at η = c·2n/λ_max shrinks it by 1 − 2c·share per step; count the steps to 1/e.
    const stepsToFall = (s: number) => {
      let r = 1;
      let t = 0;
      while (r > Math.exp(-1)) {
        r *= 1 - 2 * 0.5 * s;
        t++;
      }
      return t;
    };
    const ratio = stepsToFall(standardKernel.standard) / stepsToFall(standardKernel.ntk);
    expect(Math.abs(ratio / standardKernel.slowdown - 1)).toBeLessThan(0.05);
    expect(formatNumber(standardKernel.slowdown, 1)).toBe(formatNumber(ratio, 1));
  });

  it('as the prose says: at the kernel explorer’s defaults the NNGP kernel it draws is this kernel', () => {
    const { depth, activation, wstd, bstd } = defaults(explorerSchema);
    const spec = { depth, activation, wStd: wstd, bStd: bstd };
    const x = [[1, 0], [0.6, 0.8], [-1, 0.2], [0.1, -0.9]];
    const { nngp } = analyticKernels(x, x, spec);
    standardParameterizationKernel(x, x, spec).forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(nngp[i][j], 12)));
  });

  it('μP’s stated rate is below the widget’s default', () => {
    expect(mupRate.fraction).toBeLessThan(mupRate.defaultFraction);
    expect(mupRate.kernelGrowth.low).toBeLessThan(mupRate.kernelGrowth.high);
  });
});

describe('chapter 6: the linearised prediction after t steps of gradient descent', () => {
  it('equals t explicit steps f ← f − (η/n)Θ(·, X)(f(X) − y) of the linearised network', () => {
    const rng = createRng(21);
    const points = Array.from({ length: 9 }, () => [rng.normal(), rng.normal(), rng.normal()]);
    const { ntk } = analyticKernels(points, points, { depth: 2, activation: 'erf', wStd: 1.3, bStd: 0.2 });
    const train = [0, 1, 2, 3, 4, 5];
    const test = [6, 7, 8];
    const n = train.length;
    const y = train.map(() => rng.normal());
    const f0 = points.map(() => 0.3 * rng.normal());
    const lr = 0.5;
    const steps = 37;
    // Explicit iteration on every point, train and test alike.
    let f = f0.slice();
    for (let t = 0; t < steps; t++) {
      const r = train.map((i, a) => f[i] - y[a]);
      f = f.map((fi, p) => fi - (lr / n) * train.reduce((s, i, a) => s + ntk[p][i] * r[a], 0));
    }
    // The equation: f₀(x) − Θ(x, X)Θ⁻¹(I − (I − ηΘ/n)^t)(f₀(X) − y).
    const theta = new MlMatrix(train.map((i) => train.map((j) => ntk[i][j])));
    const step = MlMatrix.eye(n).sub(theta.clone().mul(lr / n));
    let power = MlMatrix.eye(n);
    for (let t = 0; t < steps; t++) power = power.mmul(step);
    const r0 = new MlMatrix([train.map((i, a) => f0[i] - y[a])]).transpose();
    const solved = inverse(theta).mmul(MlMatrix.eye(n).sub(power)).mmul(r0);
    for (const p of [...train, ...test]) {
      const predicted = f0[p] - train.reduce((s, i, a) => s + ntk[p][i] * solved.get(a, 0), 0);
      expect(predicted).toBeCloseTo(f[p], 9);
    }
  });
});
