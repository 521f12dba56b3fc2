/**
 * Recomputes every number the chapters state (content/claims.ts) without the code that produced
 * it: finite differences, Monte Carlo over sampled networks, simulated descent and closed forms
 * written out here from scratch.
 */
import { describe, expect, it } from 'vitest';
import {
  convention,
  diagonalRelativeStd,
  fluctuation,
  kernelShape,
  lossBoundExercise,
  rkhsExercise,
  spectralBias,
  stabilityExercise,
  tangentExample,
  twoPointExample,
  twoUnitNetwork,
  twoUnitParameters,
  widthExercise,
} from '../../../content/claims';
import { analyticKernels, createRng, rbfKernel, type Rng } from '../../../src/lib/ntk';

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
