import { describe, expect, it } from 'vitest';
import { EigenvalueDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import { activationDuals, analyticKernels, ntkContributions, ntkVsAngle, rbfKernel, standardParameterizationKernel } from '../../../src/lib/ntk/kernels';
import { gaussianExpectedProducts } from '../../../src/lib/ntk/quadrature';
import { createRng, type Rng } from '../../../src/lib/ntk/rng';
import type { Activation, Matrix, MlpSpec } from '../../../src/lib/ntk/types';

// ---------------------------------------------------------------------------------------------
// Independent references, written here without the code under test.

/** erf by its everywhere-convergent series (A&S 7.1.6), all terms positive: ~1e-15 accurate. */
function erf(x: number): number {
  if (Math.abs(x) >= 6) return Math.sign(x); // erfc(6) ≈ 2e-17
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
  }
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-x2) * sum;
}
const normalPdf = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
const normalCdf = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));

const pointwise: Record<Activation, { phi: (x: number) => number; dphi: (x: number) => number }> = {
  relu: { phi: (x) => Math.max(0, x), dphi: (x) => (x > 0 ? 1 : 0) },
  erf: { phi: erf, dphi: (x) => (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) },
  tanh: { phi: Math.tanh, dphi: (x) => 1 - Math.tanh(x) ** 2 },
  linear: { phi: (x) => x, dphi: () => 1 },
};

/** Composite 5-point Gauss–Legendre over consecutive pieces [breaks[i], breaks[i+1]]. */
const GL_NODES = [0, -0.5384693101056831, 0.5384693101056831, -0.906179845938664, 0.906179845938664];
const GL_WEIGHTS = [0.5688888888888889, 0.4786286704993665, 0.4786286704993665, 0.2369268850561891, 0.2369268850561891];
function integrate(f: (z: number) => number, breaks: number[], panelsPerPiece: number): number {
  let total = 0;
  for (let p = 0; p + 1 < breaks.length; p++) {
    const h = (breaks[p + 1] - breaks[p]) / panelsPerPiece;
    for (let q = 0; q < panelsPerPiece; q++) {
      const mid = breaks[p] + (q + 0.5) * h;
      for (let r = 0; r < 5; r++) total += 0.5 * h * GL_WEIGHTS[r] * f(mid + 0.5 * h * GL_NODES[r]);
    }
  }
  return total;
}
/** Pieces graded towards z = 0, where ReLU has its kink and near-degenerate conditionals are steep. */
const GRADED = [-9, -1, -0.1, -0.01, -0.001, 0, 0.001, 0.01, 0.1, 1, 9];
const SMOOTH = [-9, 9];

/**
 * E[φ(u)·g(v)] for (u, v) ~ N(0, [[k11, k12], [k12, k22]]) by conditioning on u = √k11·z:
 * v | z ~ N(m, s²) with m = ρ√k22·z, s = √k22·√(1 − ρ²), and `conditional(m, s)` = E[g(m + sZ)].
 * A 1-D integral in z — a different route from the Cholesky grid and from the closed forms.
 */
function byConditioning(
  outer: (u: number) => number,
  conditional: (m: number, s: number) => number,
  [k11, k22, k12]: Covariance,
  breaks: number[],
  panelsPerPiece: number,
): number {
  const rho = k12 / Math.sqrt(k11 * k22);
  const s = Math.sqrt(k22) * Math.sqrt(Math.max(0, 1 - rho * rho));
  return integrate((z) => normalPdf(z) * outer(Math.sqrt(k11) * z) * conditional(rho * Math.sqrt(k22) * z, s), breaks, panelsPerPiece);
}

/** E[g(m + sZ)] by 1-D quadrature, for activations without a Gaussian closed form. */
const smoothedNumerically = (g: (x: number) => number) => (m: number, s: number) =>
  integrate((z) => normalPdf(z) * g(m + s * z), SMOOTH, 120);

type Covariance = [number, number, number];

/** Covariances at several scales and correlations, including exactly and nearly ±1. */
const COVARIANCES: Covariance[] = [[1, 1], [0.3, 2.5], [4, 0.5], [6, 6]].flatMap(([k11, k22]) =>
  [-1, -0.999999, -0.6, 0, 0.3, 0.9, 0.999999, 1].map((rho): Covariance => [k11, k22, rho * Math.sqrt(k11 * k22)]),
);

// ---------------------------------------------------------------------------------------------

describe('test references', () => {
  it('erf matches tabulated values', () => {
    // Abramowitz & Stegun Table 7.1 / DLMF.
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 14);
    expect(erf(1)).toBeCloseTo(0.8427007929497149, 14);
    expect(erf(2)).toBeCloseTo(0.9953222650189527, 14);
    expect(erf(-3)).toBeCloseTo(-0.9999779095030014, 14);
  });
});

describe('closed-form dual kernels', () => {
  const references: Record<'relu' | 'erf', { t: (c: Covariance) => number; tDot: (c: Covariance) => number }> = {
    // E[relu(m + sZ)] = mΦ(m/s) + sφ(m/s);  E[1{m + sZ > 0}] = Φ(m/s).
    relu: {
      t: (c) =>
        byConditioning(pointwise.relu.phi, (m, s) => (s > 0 ? m * normalCdf(m / s) + s * normalPdf(m / s) : Math.max(0, m)), c, GRADED, 40),
      tDot: (c) => byConditioning(pointwise.relu.dphi, (m, s) => (s > 0 ? normalCdf(m / s) : m > 0 ? 1 : 0), c, GRADED, 40),
    },
    // E[erf(m + sZ)] = erf(m/√(1 + 2s²));  E[e^{−(m + sZ)²}] = e^{−m²/(1 + 2s²)}/√(1 + 2s²).
    erf: {
      t: (c) => byConditioning(erf, (m, s) => erf(m / Math.sqrt(1 + 2 * s * s)), c, GRADED, 40),
      tDot: (c) =>
        byConditioning(
          pointwise.erf.dphi,
          (m, s) => ((2 / Math.sqrt(Math.PI)) * Math.exp((-m * m) / (1 + 2 * s * s))) / Math.sqrt(1 + 2 * s * s),
          c,
          GRADED,
          40,
        ),
    },
  };

  for (const activation of ['relu', 'erf'] as const) {
    it(`${activation}: T and T′ agree with 1-D integration of the Gaussian conditional`, () => {
      for (const c of COVARIANCES) {
        const { t, tDot } = activationDuals[activation](...c);
        const scale = activation === 'relu' ? Math.sqrt(c[0] * c[1]) : 1;
        expect(Math.abs(t - references[activation].t(c))).toBeLessThan(1e-10 * scale);
        expect(Math.abs(tDot - references[activation].tDot(c))).toBeLessThan(1e-10);
      }
    });
  }

  it('linear: T = k12, T′ = 1', () => {
    expect(activationDuals.linear(2, 3, -1.5)).toEqual({ t: -1.5, tDot: 1 });
  });
});

describe('tanh dual kernel by quadrature', () => {
  const tanhAndDerivative = (x: number, out: Float64Array) => {
    out[0] = Math.tanh(x);
    out[1] = 1 - out[0] * out[0];
  };
  // Variances up to 25 (W_std = 5): tanh(√k·z) is then nearly a step, the hardest case.
  const covariances: Covariance[] = [[0.2, 0.2], [1, 1], [0.3, 2.5], [4, 4], [25, 9]].flatMap(([k11, k22]) =>
    [-1, -0.9999, 0, 0.7, 0.9999, 1].map((rho): Covariance => [k11, k22, rho * Math.sqrt(k11 * k22)]),
  );

  it('matches nested 1-D integration within its 1e-9 tolerance', () => {
    // The reference (5-point Gauss–Legendre, 240 × 120 panels) moves by < 4e-14 when refined 3×;
    // measured worst error of the dual: 6.9e-10.
    const conditionalTanh = smoothedNumerically(Math.tanh);
    const conditionalSech2 = smoothedNumerically(pointwise.tanh.dphi);
    let worst = 0;
    for (const c of covariances.filter((_, i) => i % 2 === 0)) {
      const { t, tDot } = activationDuals.tanh(...c);
      worst = Math.max(
        worst,
        Math.abs(t - byConditioning(Math.tanh, conditionalTanh, c, SMOOTH, 240)),
        Math.abs(tDot - byConditioning(pointwise.tanh.dphi, conditionalSech2, c, SMOOTH, 240)),
      );
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('converges: a 100× tighter tolerance moves it by < 1e-9', () => {
    for (const c of covariances) {
      const { t, tDot } = activationDuals.tanh(...c);
      const [tFine, tDotFine] = gaussianExpectedProducts(tanhAndDerivative, 2, ...c, { halfWidth: Math.PI / 2, tolerance: 1e-11 });
      expect(Math.abs(t - tFine)).toBeLessThan(1e-9);
      expect(Math.abs(tDot - tDotFine)).toBeLessThan(1e-9);
    }
  });

  it('the same rule reproduces the erf closed forms to 1e-9', () => {
    const erfAndDerivative = (x: number, out: Float64Array) => {
      out[0] = erf(x);
      out[1] = pointwise.erf.dphi(x);
    };
    for (const c of covariances) {
      const [t, tDot] = gaussianExpectedProducts(erfAndDerivative, 2, ...c, { halfWidth: Math.PI / 2, tolerance: 1e-9 });
      const exact = activationDuals.erf(...c);
      expect(Math.abs(t - exact.t)).toBeLessThan(1e-9);
      expect(Math.abs(tDot - exact.tDot)).toBeLessThan(1e-9);
    }
  });

  it('the same rule converges to the relu closed forms at O(h²) (kink) and O(h) (jump)', () => {
    // Exponential accuracy needs analyticity; ReLU has none at 0, so only the algebraic rates are
    // left. Measured over the covariances with variances ≤ 2.5: worst errors 9.9e-3 (T, relative) and 0.12 (T′) at
    // the tanh step; 3.6e-5 and 7.3e-3 with a step 20 times smaller.
    const reluAndDerivative = (x: number, out: Float64Array) => {
      out[0] = Math.max(0, x);
      out[1] = x > 0 ? 1 : 0;
    };
    const worst = (halfWidth: number) =>
      covariances.slice(0, 18).reduce(
        ([wt, wd], c) => {
          const [t, tDot] = gaussianExpectedProducts(reluAndDerivative, 2, ...c, { halfWidth, tolerance: 1e-9 });
          const exact = activationDuals.relu(...c);
          return [Math.max(wt, Math.abs(t - exact.t) / Math.sqrt(c[0] * c[1])), Math.max(wd, Math.abs(tDot - exact.tDot))];
        },
        [0, 0],
      );
    const [coarseT, coarseTDot] = worst(Math.PI / 2);
    const [fineT, fineTDot] = worst(Math.PI / 40);
    expect(coarseT).toBeLessThan(1.5e-2);
    expect(coarseTDot).toBeLessThan(0.15);
    expect(fineT).toBeLessThan(coarseT / 100); // (1/20)² = 1/400
    expect(fineTDot).toBeLessThan(coarseTDot / 10); // 1/20
  });

  it('whitens exactly: second and fourth moments by Isserlis’ theorem', () => {
    const powers = (x: number, out: Float64Array) => ((out[0] = x), (out[1] = x * x));
    for (const c of COVARIANCES) {
      const [k11, k22, k12] = c;
      const [uv, u2v2] = gaussianExpectedProducts(powers, 2, ...c, { halfWidth: Infinity, tolerance: 1e-12 });
      expect(Math.abs(uv - k12)).toBeLessThan(1e-10 * Math.sqrt(k11 * k22));
      expect(Math.abs(u2v2 - (k11 * k22 + 2 * k12 * k12))).toBeLessThan(1e-10 * 3 * k11 * k22);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Finite networks sampled in plain JS, in the same parameterisation, to estimate the kernels.

interface Network {
  spec: MlpSpec;
  /** widths[0] = input dim, widths[depth + 1] = 1 (scalar output). */
  widths: number[];
  /** weights[l] is widths[l+1] × widths[l], row-major; entries N(0, 1). */
  weights: Float64Array[];
  biases: Float64Array[];
}

function sampleNetwork(rng: Rng, spec: MlpSpec, inputDim: number, width: number): Network {
  const widths = [inputDim, ...Array<number>(spec.depth).fill(width), 1];
  return {
    spec,
    widths,
    weights: widths.slice(1).map((n, l) => rng.fillNormal(new Float64Array(n * widths[l]))),
    biases: widths.slice(1).map((n) => rng.fillNormal(new Float64Array(n))),
  };
}

/** activations[l] = a^l (a^0 = x), pre[l] = the pre-activation fed by layer l. */
function forward(net: Network, x: number[]) {
  const { wStd, bStd, activation } = net.spec;
  const activations: Float64Array[] = [Float64Array.from(x)];
  const pre: Float64Array[] = [];
  for (let l = 0; l < net.weights.length; l++) {
    const nIn = net.widths[l];
    const nOut = net.widths[l + 1];
    const a = activations[l];
    const h = new Float64Array(nOut);
    for (let i = 0; i < nOut; i++) {
      let s = 0;
      for (let j = 0; j < nIn; j++) s += net.weights[l][i * nIn + j] * a[j];
      h[i] = (wStd / Math.sqrt(nIn)) * s + bStd * net.biases[l][i];
    }
    pre.push(h);
    if (l < net.weights.length - 1) activations.push(h.map(pointwise[activation].phi));
  }
  return { activations, pre, output: pre[pre.length - 1][0] };
}

/** grads[l] = ∂f/∂pre[l], by backpropagation. */
function backward(net: Network, pass: ReturnType<typeof forward>): Float64Array[] {
  const { wStd, activation } = net.spec;
  const L = net.weights.length;
  const grads: Float64Array[] = new Array(L);
  grads[L - 1] = Float64Array.of(1);
  for (let l = L - 1; l > 0; l--) {
    const nIn = net.widths[l];
    const g = new Float64Array(nIn);
    for (let i = 0; i < net.widths[l + 1]; i++) {
      const gi = grads[l][i] * (wStd / Math.sqrt(nIn));
      for (let j = 0; j < nIn; j++) g[j] += net.weights[l][i * nIn + j] * gi;
    }
    grads[l - 1] = g.map((gj, j) => gj * pointwise[activation].dphi(pass.pre[l - 1][j]));
  }
  return grads;
}

const dotF = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

interface EmpiricalKernels {
  nngp: Matrix;
  ntk: Matrix;
  /** Per Dense layer, input layer first: ⟨∂f/∂W_l, ∂f/∂W_l′⟩ and ⟨∂f/∂β_l, ∂f/∂β_l′⟩. */
  contributions: { weights: Matrix; biases: Matrix }[];
}

/**
 * This network's kernels: NNGP from the last hidden features, (W²/n)·a^L·a′^L + b²; NTK as the sum
 * over layers of ⟨∂f/∂W_l, ∂f/∂W_l′⟩ + ⟨∂f/∂β_l, ∂f/∂β_l′⟩ = (W²/n_l)(g_l·g_l′)(a^l·a′^l) + b²(g_l·g_l′).
 */
function empiricalKernels(net: Network, xs: Matrix): EmpiricalKernels {
  const { wStd, bStd } = net.spec;
  const passes = xs.map((x) => forward(net, x));
  const grads = passes.map((p) => backward(net, p));
  const L = net.weights.length;
  const nngp = passes.map((p) => passes.map((q) => ((wStd ** 2) / net.widths[L - 1]) * dotF(p.activations[L - 1], q.activations[L - 1]) + bStd ** 2));
  const contributions = Array.from({ length: L }, (_, l) => ({
    weights: grads.map((g, a) => grads.map((g2, b) => ((wStd ** 2) / net.widths[l]) * dotF(g[l], g2[l]) * dotF(passes[a].activations[l], passes[b].activations[l]))),
    biases: grads.map((g) => grads.map((g2) => bStd ** 2 * dotF(g[l], g2[l]))),
  }));
  const ntk = nngp.map((row, a) => row.map((_, b) => contributions.reduce((s, c) => s + c.weights[a][b] + c.biases[a][b], 0)));
  return { nngp, ntk, contributions };
}

const POINTS: Matrix = [
  [1.2, -0.4, 0.7],
  [-0.3, 0.9, 0.5],
  [-1.2, 0.4, -0.7], // antipodal to the first
  [0.1, 0.2, -1.5],
];

describe('empirical kernels of the test networks (checking the reference itself)', () => {
  it('the layer-sum NTK equals JJᵀ from finite-difference gradients of every parameter', () => {
    for (const activation of ['relu', 'tanh', 'erf'] as const) {
      const net = sampleNetwork(createRng(1), { depth: 2, activation, wStd: 1.3, bStd: 0.6 }, 3, 4);
      const params = [...net.weights, ...net.biases];
      const eps = 1e-6;
      const jacobian = POINTS.map((x) =>
        params.flatMap((array) =>
          Array.from(array, (_, i) => {
            const saved = array[i];
            array[i] = saved + eps;
            const up = forward(net, x).output;
            array[i] = saved - eps;
            const down = forward(net, x).output;
            array[i] = saved;
            return (up - down) / (2 * eps);
          }),
        ),
      );
      const { ntk } = empiricalKernels(net, POINTS);
      jacobian.forEach((ja, a) => jacobian.forEach((jb, b) => expect(ntk[a][b]).toBeCloseTo(dotF(ja, jb), 6)));
    }
  });
});

describe('analyticKernels against Monte Carlo over sampled wide networks', () => {
  // For a fixed budget (networks × width² normals at depth 2) narrower nets average down the
  // sampling error faster, ∝ 1/√(networks·width), while the bias of the mean grows as 1/width.
  const cases: { spec: MlpSpec; width: number; networks: number }[] = (['relu', 'erf', 'tanh', 'linear'] as const).flatMap(
    (activation) => [
      { spec: { depth: 1, activation, wStd: 2, bStd: 0.3 }, width: 2000, networks: 64 },
      { spec: { depth: 2, activation, wStd: 1.3, bStd: 0.5 }, width: 400, networks: 128 },
    ],
  );

  for (const { spec, width, networks } of cases) {
    it(`${spec.activation}, depth ${spec.depth}: mean over ${networks} networks of width ${width}`, () => {
      const rng = createRng(1000 + spec.depth);
      const samples = Array.from({ length: networks }, () => empiricalKernels(sampleNetwork(rng, spec, 3, width), POINTS));
      const analytic = analyticKernels(POINTS, POINTS, spec);
      const layers = ntkContributions(POINTS, POINTS, spec);
      const compare = (sampled: (s: EmpiricalKernels) => Matrix, exact: Matrix, scaleOf: Matrix) =>
        POINTS.forEach((_, a) =>
          POINTS.forEach((_, b) => {
            const values = samples.map((s) => sampled(s)[a][b]);
            const mean = values.reduce((s, v) => s + v, 0) / networks;
            const standardError = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (networks - 1) / networks);
            const scale = Math.sqrt(scaleOf[a][a] * scaleOf[b][b]);
            // The test has power: the Monte-Carlo error is a small fraction of the kernel's scale
            // (measured: at most 1.2%, for ReLU at depth 2).
            expect(standardError).toBeLessThan(0.015 * scale);
            // Sampling error (4 standard errors) plus the O(1/width) finite-width bias of the mean.
            expect(Math.abs(mean - exact[a][b])).toBeLessThan(4 * standardError + (2 / width) * scale);
          }),
        );
      compare((s) => s.nngp, analytic.nngp, analytic.nngp);
      compare((s) => s.ntk, analytic.ntk, analytic.ntk);
      // Each layer's weights and biases on their own, measured against the scale of the whole NTK.
      expect(layers).toHaveLength(spec.depth + 1);
      layers.forEach(({ weights, biases }, l) => {
        compare((s) => s.contributions[l].weights, weights, analytic.ntk);
        compare((s) => s.contributions[l].biases, biases, analytic.ntk);
      });
    });
  }
});

// ---------------------------------------------------------------------------------------------

const ACTIVATIONS: Activation[] = ['relu', 'erf', 'tanh', 'linear'];

describe('analyticKernels: structure and edge cases', () => {
  it('reproduces the seeds’ two-layer ReLU closed form at exactly half its scale', () => {
    const spec: MlpSpec = { depth: 1, activation: 'relu', wStd: 1, bStd: 0 };
    const d = 5;
    const rng = createRng(4);
    const xs = Array.from({ length: 6 }, () => Array.from({ length: d }, () => rng.normal()));
    const { nngp, ntk } = analyticKernels(xs, xs, spec);
    // Seed: Θ = ‖x‖‖x′‖[κ₁(u) + uκ₀(u)], κ₀ = (π − arccos u)/π, κ₁ = (√(1 − u²) + (π − arccos u)u)/π,
    // with ‖x‖² read as x·x/d.
    xs.forEach((x, a) =>
      xs.forEach((y, b) => {
        const nx = Math.sqrt(dotF(x, x) / d);
        const ny = Math.sqrt(dotF(y, y) / d);
        const u = Math.min(1, dotF(x, y) / d / (nx * ny));
        const kappa0 = (Math.PI - Math.acos(u)) / Math.PI;
        const kappa1 = (Math.sqrt(1 - u * u) + (Math.PI - Math.acos(u)) * u) / Math.PI;
        expect(2 * ntk[a][b]).toBeCloseTo(nx * ny * (kappa1 + u * kappa0), 12);
        expect(2 * nngp[a][b]).toBeCloseTo(nx * ny * kappa1, 12);
      }),
    );
    const unit = [[1, 1, 1, 1, 1]]; // x·x/d = 1
    expect(analyticKernels(unit, unit, spec).ntk[0][0]).toBeCloseTo(1, 14);
  });

  it('gives symmetric positive semi-definite Gram matrices', () => {
    const rng = createRng(8);
    const xs = Array.from({ length: 24 }, () => Array.from({ length: 3 }, () => 1.5 * rng.normal()));
    xs.push(xs[0].slice(), xs[1].map((v) => -v)); // a duplicate and an antipode
    for (const activation of ACTIVATIONS) {
      for (const depth of [1, 3]) {
        for (const [wStd, bStd] of [[1, 0], [1.8, 0.5]]) {
          const spec = { depth, activation, wStd, bStd };
          const { nngp, ntk } = analyticKernels(xs, xs, spec);
          const unshared = analyticKernels(xs, xs.slice(), spec); // the general (non-mirrored) path
          for (const [gram, general] of [[nngp, unshared.nngp], [ntk, unshared.ntk]]) {
            expect(gram.every((row, a) => row.every((v, b) => v === gram[b][a]))).toBe(true);
            expect(general).toEqual(gram);
            const eigenvalues = new EigenvalueDecomposition(new MlMatrix(gram), { assumeSymmetric: true }).realEigenvalues;
            expect(Math.min(...eigenvalues)).toBeGreaterThanOrEqual(-1e-9 * Math.max(...eigenvalues));
          }
        }
      }
    }
  });

  it('is finite at identical, antipodal and zero inputs, with the right limits', () => {
    const x = [0.6, -1.1, 0.4];
    const points = [x, x.slice(), x.map((v) => -v), [0, 0, 0], x.map((v) => 2 * v)];
    for (const activation of ACTIVATIONS) {
      for (const depth of [1, 2, 4]) {
        for (const bStd of [0, 0.5]) {
          const spec = { depth, activation, wStd: 1.5, bStd };
          const { nngp, ntk } = analyticKernels(points, points, spec);
          expect([...nngp.flat(), ...ntk.flat()].every(Number.isFinite)).toBe(true);
          expect(ntk[0][1]).toBe(ntk[0][0]);
          if (bStd === 0) {
            // With no biases a zero input stays zero in every layer.
            expect(nngp[3].every((v) => v === 0)).toBe(true);
            expect(ntk[3].every((v) => v === 0)).toBe(true);
          }
        }
      }
    }
    // One ReLU layer without biases: relu(u)·relu(−u) = 0 and 1{u>0}·1{−u>0} = 0, so Θ(x, −x) = 0.
    const relu = analyticKernels(points, points, { depth: 1, activation: 'relu', wStd: 1, bStd: 0 });
    expect(relu.ntk[0][2]).toBeCloseTo(0, 15);
    // Odd activations without biases: Θ(x, −x) = −Θ(x, x).
    for (const activation of ['erf', 'tanh', 'linear'] as const) {
      const { ntk } = analyticKernels(points, points, { depth: 2, activation, wStd: 1.5, bStd: 0 });
      expect(ntk[0][2]).toBeCloseTo(-ntk[0][0], 12);
    }
  });

  it('ntkVsAngle equals analyticKernels on unit-scaled inputs at those angles', () => {
    const d = 3;
    const angles = [0, 0.4, Math.PI / 2, 2.5, Math.PI];
    const at = (g: number) => [Math.sqrt(d) * Math.cos(g), Math.sqrt(d) * Math.sin(g), 0];
    for (const activation of ACTIVATIONS) {
      const spec = { depth: 2, activation, wStd: 1.4, bStd: 0.2 };
      const curve = ntkVsAngle(angles, spec);
      const direct = analyticKernels([at(0)], angles.map(at), spec);
      angles.forEach((_, i) => {
        expect(curve.ntk[i]).toBeCloseTo(direct.ntk[0][i], 12);
        expect(curve.nngp[i]).toBeCloseTo(direct.nngp[0][i], 12);
      });
    }
  });
});

describe('ntkContributions and the standard parameterisation’s kernel', () => {
  const xs: Matrix = [...POINTS, [0, 0, 0]];

  it('the layers’ terms add up to the NTK, for every activation, depth and scale', () => {
    for (const activation of ACTIVATIONS) {
      for (const depth of [1, 3]) {
        const spec = { depth, activation, wStd: 1.6, bStd: 0.4 };
        const { ntk } = analyticKernels(xs, xs, spec);
        const terms = ntkContributions(xs, xs, spec);
        expect(terms).toHaveLength(depth + 1);
        ntk.forEach((row, a) =>
          row.forEach((v, b) => expect(terms.reduce((s, t) => s + t.weights[a][b] + t.biases[a][b], 0)).toBeCloseTo(v, 12)),
        );
      }
    }
  });

  it('one hidden ReLU layer: first layer (W²/d)x·x′·E[φ′φ′]·W², readout W²·E[φφ], biases b²(W²E[φ′φ′] + 1), in closed form', () => {
    const spec: MlpSpec = { depth: 1, activation: 'relu', wStd: 1.3, bStd: 0.4 };
    const d = 3;
    const [first, readout] = ntkContributions(xs, xs, spec);
    const w2 = spec.wStd ** 2;
    const b2 = spec.bStd ** 2;
    xs.forEach((x, a) =>
      xs.forEach((y, b) => {
        // First-layer pre-activations: K¹ = W²x·x′/d + b²; the arc-cosine kernels at their correlation.
        const k11 = (w2 * dotF(x, x)) / d + b2;
        const k22 = (w2 * dotF(y, y)) / d + b2;
        const k12 = (w2 * dotF(x, y)) / d + b2;
        const angle = Math.acos(Math.max(-1, Math.min(1, k12 / Math.sqrt(k11 * k22))));
        const expectedDerivatives = (Math.PI - angle) / (2 * Math.PI);
        const expectedProducts = (Math.sqrt(k11 * k22) / (2 * Math.PI)) * (Math.sin(angle) + (Math.PI - angle) * Math.cos(angle));
        expect(first.weights[a][b]).toBeCloseTo(((w2 * dotF(x, y)) / d) * w2 * expectedDerivatives, 12);
        expect(first.biases[a][b]).toBeCloseTo(b2 * w2 * expectedDerivatives, 12);
        expect(readout.weights[a][b]).toBeCloseTo(w2 * expectedProducts, 12);
        expect(readout.biases[a][b]).toBeCloseTo(b2, 12);
        expect(standardParameterizationKernel(xs, xs, spec)[a][b]).toBeCloseTo(expectedProducts, 12);
      }),
    );
  });

  it('with one hidden layer, W_std = 1 and b_std = 0 the standard parameterisation’s kernel is the NNGP kernel', () => {
    for (const activation of ACTIVATIONS) {
      const spec = { depth: 1, activation, wStd: 1, bStd: 0 };
      const { nngp } = analyticKernels(xs, xs, spec);
      const kernel = standardParameterizationKernel(xs, xs, spec);
      nngp.forEach((row, a) => row.forEach((v, b) => expect(kernel[a][b]).toBeCloseTo(v, 12)));
    }
  });

  it('is the later layers’ weight terms over W², at any depth (and rejects W_std = 0)', () => {
    const spec = { depth: 3, activation: 'erf' as const, wStd: 1.5, bStd: 0.3 };
    const terms = ntkContributions(xs, xs, spec);
    const kernel = standardParameterizationKernel(xs, xs, spec);
    xs.forEach((_, a) =>
      xs.forEach((_, b) => expect(kernel[a][b]).toBeCloseTo((terms[1].weights[a][b] + terms[2].weights[a][b] + terms[3].weights[a][b]) / 2.25, 12)),
    );
    expect(() => standardParameterizationKernel(xs, xs, { ...spec, wStd: 0 })).toThrow(/W_std/);
  });
});

describe('rbfKernel', () => {
  it('is exp(−‖x − x′‖²/(2ℓ²))', () => {
    const k = rbfKernel([[0, 0], [3, 4]], [[0, 0], [0, 2]], 2);
    expect(k[0][0]).toBe(1);
    expect(k[0][1]).toBeCloseTo(Math.exp(-0.5), 15); // distance 2 = ℓ
    expect(k[1][0]).toBeCloseTo(Math.exp(-25 / 8), 15);
  });
});
