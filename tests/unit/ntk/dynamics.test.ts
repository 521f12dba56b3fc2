import { describe, expect, it } from 'vitest';
import { Matrix as MlMatrix, QrDecomposition, pseudoInverse, solve } from 'ml-matrix';
import {
  flowLossBound,
  flowTimeToLoss,
  kernelRegressionMean,
  linearisedDynamics,
  rkhsNorm,
  symmetricEigen,
  type DescentMode,
} from '../../../src/lib/ntk/dynamics';
import type { Matrix } from '../../../src/lib/ntk/types';

// ---- independent references: plain loops, deterministic random numbers, ml-matrix solves ----

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussians(rand: () => number, count: number): number[] {
  return Array.from({ length: count }, () => {
    const u = 1 - rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  });
}

function gaussianMatrix(rand: () => number, rows: number, cols: number): Matrix {
  return Array.from({ length: rows }, () => gaussians(rand, cols));
}

const mv = (a: Matrix, x: number[]) => a.map((row) => row.reduce((s, aij, j) => s + aij * x[j], 0));
const norm = (x: number[]) => Math.hypot(...x);
const maxAbs = (x: number[]) => Math.max(...x.map(Math.abs));
const maxAbsDiff = (x: number[], y: number[]) => maxAbs(x.map((xi, i) => xi - y[i]));

/** Q diag(spectrum) Qᵀ with Q a random orthogonal matrix (QR of a Gaussian matrix). */
function withSpectrum(spectrum: number[], seed: number): { k: Matrix; q: Matrix } {
  const n = spectrum.length;
  const q = new QrDecomposition(new MlMatrix(gaussianMatrix(mulberry32(seed), n, n))).orthogonalMatrix;
  const k = q.mmul(MlMatrix.diag(spectrum)).mmul(q.transpose());
  return { k: k.to2DArray(), q: q.to2DArray() };
}

/**
 * A kernel with `spectrum` (seed), and from seed + 1: m test rows K(X*, X), outputs f₀(X*), labels y
 * and outputs f₀(X); the generator goes on, for anything else a test draws.
 */
function problemWithTests(spectrum: number[], seed: number, m: number) {
  const n = spectrum.length;
  const { k } = withSpectrum(spectrum, seed);
  const rand = mulberry32(seed + 1);
  const kTestTrain = gaussianMatrix(rand, m, n);
  const f0Test = gaussians(rand, m);
  const y = gaussians(rand, n);
  const f0 = gaussians(rand, n);
  return { k, kTestTrain, f0Test, y, f0, rand };
}

/** t steps of r ← r − (η/n) K r, carrying test outputs f* ← f* − (η/n) K(X*,X) r alongside. */
function gdLoop(k: Matrix, r0: number[], lr: number, t: number, kTestTrain: Matrix = [], f0Test: number[] = []) {
  const step = lr / r0.length;
  let r = r0.slice();
  let fTest = f0Test.slice();
  for (let s = 0; s < t; s++) {
    const kr = mv(k, r);
    const ktr = mv(kTestTrain, r);
    fTest = fTest.map((f, i) => f - step * ktr[i]);
    r = r.map((ri, i) => ri - step * kr[i]);
  }
  return { r, fTest };
}

/** Classical RK4 for ṙ = −(η/n) K r, ḟ* = −(η/n) K(X*,X) r, sampled at increasing times. */
function rk4Flow(k: Matrix, kTestTrain: Matrix, r0: number[], f0Test: number[], lr: number, times: number[], h: number) {
  const n = r0.length;
  const deriv = (state: number[]) => {
    const r = state.slice(0, n);
    return [...mv(k, r), ...mv(kTestTrain, r)].map((x) => (-lr / n) * x);
  };
  const axpy = (x: number[], a: number, y: number[]) => x.map((xi, i) => xi + a * y[i]);
  let state = [...r0, ...f0Test];
  let now = 0;
  return times.map((target) => {
    while (now < target - 1e-12) {
      const dt = Math.min(h, target - now);
      const k1 = deriv(state);
      const k2 = deriv(axpy(state, dt / 2, k1));
      const k3 = deriv(axpy(state, dt / 2, k2));
      const k4 = deriv(axpy(state, dt, k3));
      state = state.map((s, i) => s + (dt / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]));
      now += dt;
    }
    return { r: state.slice(0, n), fTest: state.slice(n) };
  });
}

function rbfGram(a: number[], b: number[], lengthscale: number): Matrix {
  return a.map((x) => b.map((z) => Math.exp(-((x - z) ** 2) / (2 * lengthscale ** 2))));
}

// ---- eigendecomposition ----

describe('symmetricEigen', () => {
  it('gives K v = λ v, an orthonormal basis and descending values on random SPD matrices', () => {
    const rand = mulberry32(1);
    for (const n of [1, 3, 8, 20]) {
      const a = new MlMatrix(gaussianMatrix(rand, n, n + 2));
      const k = a.mmul(a.transpose()).to2DArray();
      const { values, vectors } = symmetricEigen(k);
      const scale = values[0];
      for (let i = 0; i < n; i++) {
        expect(maxAbsDiff(mv(k, vectors[i]), vectors[i].map((x) => values[i] * x))).toBeLessThan(1e-12 * scale);
        for (let j = 0; j < n; j++) {
          const ip = vectors[i].reduce((s, x, l) => s + x * vectors[j][l], 0);
          expect(Math.abs(ip - (i === j ? 1 : 0))).toBeLessThan(1e-12);
        }
        if (i > 0) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
      }
      // trace = Σλ, an independent check that no eigenvalue is missing or duplicated
      const trace = k.reduce((s, row, i) => s + row[i], 0);
      expect(Math.abs(values.reduce((s, x) => s + x, 0) - trace)).toBeLessThan(1e-11 * trace);
    }
  });

  it('recovers a prescribed spectrum and fixes each eigenvector sign', () => {
    const spectrum = [7, 3, 3 - 1e-3, 0.5, 1e-6];
    const { k } = withSpectrum([...spectrum].reverse(), 2);
    const { values, vectors } = symmetricEigen(k);
    values.forEach((x, i) => expect(Math.abs(x - spectrum[i])).toBeLessThan(1e-13 * spectrum[0]));
    for (const v of vectors) {
      const largest = v.reduce((b, x) => (Math.abs(x) > Math.abs(b) ? x : b), 0);
      expect(largest).toBeGreaterThan(0);
    }
  });

  it('symmetrises K, clamps round-off negatives to 0 and rejects indefinite matrices', () => {
    const { k } = withSpectrum([2, 1, -1e-13], 3);
    expect(symmetricEigen(k).values[2]).toBe(0);

    const skew = k.map((row, i) => row.map((x, j) => x + (i < j ? 0.3 : i > j ? -0.3 : 0)));
    const fromSkewed = symmetricEigen(skew).values;
    symmetricEigen(k).values.forEach((x, i) => expect(Math.abs(fromSkewed[i] - x)).toBeLessThan(1e-14));

    expect(() => symmetricEigen(withSpectrum([2, 1, -0.1], 4).k)).toThrow(RangeError);
    expect(() => symmetricEigen([[1, 2, 3]])).toThrow(RangeError);
  });
});

// ---- discrete gradient descent ----

describe('LinearisedDynamics under gradient descent', () => {
  const cases = [
    { name: 'full rank', spectrum: [5, 2, 1, 0.3, 0.05, 0.01] },
    { name: 'rank deficient with a tiny mode', spectrum: [4, 1, 0.5, 1e-13, 0, 0] },
  ];
  for (const { name, spectrum } of cases) {
    it(`matches explicit iteration (${name}), also at 0.999 of the stability limit`, () => {
      const n = spectrum.length;
      const { k } = withSpectrum(spectrum, 10);
      const rand = mulberry32(11);
      const y = gaussians(rand, n);
      const f0 = gaussians(rand, n);
      const r0 = f0.map((f, i) => f - y[i]);
      const limit = (2 * n) / spectrum[0];
      for (const lr of [0.3, 0.999 * limit]) {
        const dyn = linearisedDynamics({ kTrain: k, yTrain: y, f0Train: f0, lr });
        expect(dyn.diverges).toBe(false);
        for (const t of [0, 1, 2, 7, 50, 400, 2000]) {
          const { r } = gdLoop(k, r0, lr, t);
          expect(maxAbsDiff(dyn.residual(t, 'gd'), r)).toBeLessThan(1e-11 * maxAbs(r0));
          expect(maxAbsDiff(dyn.trainPrediction(t, 'gd'), r.map((ri, i) => ri + y[i]))).toBeLessThan(1e-11 * maxAbs(r0));
          expect(dyn.loss(t, 'gd')).toBeCloseTo(norm(r) ** 2 / (2 * n), 12);
        }
      }
    });
  }

  it('projects the initial residual onto the eigenbasis and decays each mode by (1 − ηλ/n)^t', () => {
    const spectrum = [3, 1, 0.2, 0];
    const { k } = withSpectrum(spectrum, 12);
    const y = [1, -0.5, 0.25, 2];
    const lr = 0.7;
    const dyn = linearisedDynamics({ kTrain: k, yTrain: y, lr });
    const { vectors } = dyn.eigen;
    const c0 = vectors.map((v) => -v.reduce((s, vi, i) => s + vi * y[i], 0));
    dyn.modeCoefficients().forEach((c, i) => expect(c).toBeCloseTo(c0[i], 13));
    dyn.modeResiduals(9, 'gd').forEach((c, i) => expect(c).toBeCloseTo(c0[i] * (1 - (lr * spectrum[i]) / 4) ** 9, 13));
  });

  it('flags and shows divergence beyond η = 2n/λ_max and not below', () => {
    const spectrum = [4, 1.5, 0.2, 0.01];
    const n = spectrum.length;
    const { k } = withSpectrum(spectrum, 13);
    const y = gaussians(mulberry32(14), n);
    const limit = (2 * n) / spectrum[0];

    const below = linearisedDynamics({ kTrain: k, yTrain: y, lr: 0.99 * limit });
    expect(below.maxStableLr()).toBeCloseTo(limit, 12);
    expect(below.diverges).toBe(false);
    const belowNorms = [0, 1, 2, 5, 20, 100, 500].map((t) => norm(below.residual(t, 'gd')));
    belowNorms.slice(1).forEach((x, i) => expect(x).toBeLessThanOrEqual(belowNorms[i] * (1 + 1e-12)));

    expect(linearisedDynamics({ kTrain: k, yTrain: y, lr: below.maxStableLr() }).diverges).toBe(true);

    const lr = 1.01 * limit;
    const above = linearisedDynamics({ kTrain: k, yTrain: y, lr });
    expect(above.diverges).toBe(true);
    const ts = [0, 100, 200, 300];
    const aboveNorms = ts.map((t) => norm(above.residual(t, 'gd')));
    aboveNorms.slice(1).forEach((x, i) => expect(x).toBeGreaterThan(2 * aboveNorms[i]));
    const { r } = gdLoop(k, y.map((v) => -v), lr, 300);
    expect(maxAbsDiff(above.residual(300, 'gd'), r)).toBeLessThan(1e-9 * maxAbs(r));
  });

  it('rejects fractional or negative GD times', () => {
    const dyn = linearisedDynamics({ kTrain: [[1]], yTrain: [1], lr: 0.1 });
    expect(() => dyn.residual(1.5, 'gd')).toThrow(RangeError);
    expect(() => dyn.residual(-1, 'flow')).toThrow(RangeError);
    expect(dyn.residual(1.5, 'flow')[0]).toBeCloseTo(-Math.exp(-0.15), 14);
  });
});

// ---- test-point predictions ----

describe('test predictions', () => {
  it('match explicit iteration of the linear model, including tiny and zero eigenvalues', () => {
    const { k, kTestTrain, f0Test, y, f0 } = problemWithTests([2, 1, 0.3, 1e-14, 0], 20, 4);
    const lr = 1.5;
    const dyn = linearisedDynamics({ kTrain: k, yTrain: y, f0Train: f0, lr, kTestTrain, f0Test });
    for (const t of [0, 1, 3, 40, 1000]) {
      const { fTest } = gdLoop(k, f0.map((f, i) => f - y[i]), lr, t, kTestTrain, f0Test);
      expect(maxAbsDiff(dyn.testPrediction(t, 'gd'), fTest)).toBeLessThan(1e-11 * maxAbs(fTest));
    }
  });

  it('follow RK4 integration of gradient flow on train and test points at fractional times', () => {
    const { k, kTestTrain, f0Test, y, f0 } = problemWithTests([5, 2, 1, 0.3, 0.05, 0], 22, 3);
    const lr = 1.2;
    const dyn = linearisedDynamics({ kTrain: k, yTrain: y, f0Train: f0, lr, kTestTrain, f0Test });
    const times = [0.5, 2.25, 7.3];
    const r0 = f0.map((f, i) => f - y[i]);
    rk4Flow(k, kTestTrain, r0, f0Test, lr, times, 2e-3).forEach(({ r, fTest }, i) => {
      expect(maxAbsDiff(dyn.residual(times[i], 'flow'), r)).toBeLessThan(1e-11 * maxAbs(r0));
      expect(maxAbsDiff(dyn.testPrediction(times[i], 'flow'), fTest)).toBeLessThan(1e-11 * maxAbs(fTest));
    });
  });

  it('converge to kernel regression K(X*,X)K⁻¹y when f_0 = 0', () => {
    const xTrain = [-2, -1, 0, 0.7, 1.5, 2.5];
    const xTest = [-1.5, 0.3, 1, 3];
    const kTrain = rbfGram(xTrain, xTrain, 0.6);
    const kTestTrain = rbfGram(xTest, xTrain, 0.6);
    const y = xTrain.map((x) => Math.sin(2 * x));
    const alpha = solve(new MlMatrix(kTrain), MlMatrix.columnVector(y)).to1DArray();
    const reference = mv(kTestTrain, alpha);
    expect(maxAbsDiff(kernelRegressionMean(kTestTrain, kTrain, y), reference)).toBeLessThan(1e-10);
    expect(maxAbsDiff(kernelRegressionMean(kTrain, kTrain, y), y)).toBeLessThan(1e-10);

    const dyn = linearisedDynamics({ kTrain, yTrain: y, lr: 1, kTestTrain });
    const { values } = dyn.eigen;
    const tFlow = (60 * xTrain.length) / values[values.length - 1];
    expect(maxAbsDiff(dyn.testPrediction(tFlow, 'flow'), reference)).toBeLessThan(1e-10);
    expect(maxAbsDiff(dyn.testPrediction(Math.ceil(tFlow), 'gd'), reference)).toBeLessThan(1e-10);
    expect(maxAbsDiff(dyn.trainPrediction(tFlow, 'flow'), y)).toBeLessThan(1e-12);
  });

  it('kernel regression with a ridge matches (K + ridge I)⁻¹ and a singular K gives the least-norm fit', () => {
    const rand = mulberry32(24);
    const xTrain = [-2, -1, 0, 0.7, 1.5];
    const kTrain = rbfGram(xTrain, xTrain, 0.8);
    const kTestTrain = rbfGram([0.2, 2], xTrain, 0.8);
    const y = gaussians(rand, 5);
    const ridge = 0.1;
    const shifted = new MlMatrix(kTrain).add(MlMatrix.eye(5).mul(ridge));
    const alpha = solve(shifted, MlMatrix.columnVector(y)).to1DArray();
    expect(maxAbsDiff(kernelRegressionMean(kTestTrain, kTrain, y, ridge), mv(kTestTrain, alpha))).toBeLessThan(1e-12);

    // K = ΦΦᵀ of rank 3 on 7 points: K(X*,X)K⁺y = Φ* Φ⁺ y, the minimum-norm least-squares weights.
    const phi = gaussianMatrix(rand, 7, 3);
    const phiTest = gaussianMatrix(rand, 2, 3);
    const mPhi = new MlMatrix(phi);
    const kSingular = mPhi.mmul(mPhi.transpose()).to2DArray();
    const kTestSingular = new MlMatrix(phiTest).mmul(mPhi.transpose()).to2DArray();
    const ySingular = gaussians(rand, 7);
    const weights = pseudoInverse(mPhi).mmul(MlMatrix.columnVector(ySingular)).to1DArray();
    expect(maxAbsDiff(kernelRegressionMean(kTestSingular, kSingular, ySingular), mv(phiTest, weights))).toBeLessThan(1e-10);
  });
});

// ---- loss bound and RKHS norm ----

describe('gradient-flow loss bound', () => {
  it('bounds the loss at all times and is tight along the λ_min eigenvector', () => {
    const spectrum = [3, 1, 0.4, 0.05];
    const n = spectrum.length;
    const { k } = withSpectrum(spectrum, 30);
    const y = gaussians(mulberry32(31), n);
    const lr = 0.8;
    const dyn = linearisedDynamics({ kTrain: k, yTrain: y, lr });
    const vMin = dyn.eigen.vectors[n - 1];
    const along = linearisedDynamics({ kTrain: k, yTrain: y, f0Train: y.map((v, i) => v + 0.7 * vMin[i]), lr });
    for (const t of [0, 0.1, 1, 5, 20, 100, 400]) {
      expect(dyn.loss(t, 'flow')).toBeLessThanOrEqual(dyn.lossBound(t) * (1 + 1e-12));
      // closed form for r_0 = 0.7 v_min: L(t) = (0.49/2n) e^{−2ηλ_min t/n}
      const exact = (0.49 / (2 * n)) * Math.exp((-2 * lr * spectrum[n - 1] * t) / n);
      expect(along.loss(t, 'flow') / exact).toBeCloseTo(1, 11);
      expect(along.lossBound(t) / exact).toBeCloseTo(1, 11);
    }
  });

  it("solves the essay's exercise: λ_min = 0.01, L(0) = 1, target 1e-6", () => {
    const p = { loss0: 1, lr: 1, lambdaMin: 0.01, n: 1 };
    // t* = ln(10⁶)/(2·0.01) = 300 ln 10
    expect(flowTimeToLoss(1e-6, p)).toBeCloseTo(300 * Math.LN10, 10);
    expect(flowLossBound(300 * Math.LN10, p)).toBeCloseTo(1e-6, 15);
    // n and η enter as n/η
    expect(flowTimeToLoss(1e-6, { ...p, n: 10, lr: 0.5 })).toBeCloseTo(6000 * Math.LN10, 8);
    expect(flowTimeToLoss(2, p)).toBe(0);
    expect(flowTimeToLoss(1e-6, { ...p, lambdaMin: 0 })).toBe(Infinity);

    // one training point with K = 0.01 and L(0) = ½(f_0 − y)² = 1: the actual loss meets the target at t*
    const dyn = linearisedDynamics({ kTrain: [[0.01]], yTrain: [0], f0Train: [Math.SQRT2], lr: 1 });
    expect(dyn.loss(0, 'flow')).toBeCloseTo(1, 14);
    expect(dyn.timeToLoss(1e-6)).toBeCloseTo(300 * Math.LN10, 10);
    expect(dyn.loss(300 * Math.LN10, 'flow') / 1e-6).toBeCloseTo(1, 10);
  });
});

describe('rkhsNorm', () => {
  it('equals yᵀK⁻¹y from an independent solve and splits into per-mode parts', () => {
    const rand = mulberry32(40);
    const a = new MlMatrix(gaussianMatrix(rand, 6, 9));
    const k = a.mmul(a.transpose()).to2DArray();
    const y = gaussians(rand, 6);
    const reference = y.reduce((s, yi, i) => s + yi * solve(new MlMatrix(k), MlMatrix.columnVector(y)).get(i, 0), 0);
    const { squaredNorm, modeContributions } = rkhsNorm(k, y);
    expect(squaredNorm / reference).toBeCloseTo(1, 11);
    expect(modeContributions.reduce((s, x) => s + x, 0)).toBeCloseTo(squaredNorm, 11);
    modeContributions.forEach((x) => expect(x).toBeGreaterThanOrEqual(0));
  });

  it('grows as two differently labelled points approach', () => {
    const y = [0.5, 1, -1, 0.2];
    const norms = [0.8, 0.4, 0.2, 0.1, 0.05].map((delta) => {
      const x = [0, 1, 1 + delta, 3];
      const k = rbfGram(x, x, 1);
      const { squaredNorm } = rkhsNorm(k, y);
      const reference = new MlMatrix([y]).mmul(solve(new MlMatrix(k), MlMatrix.columnVector(y))).get(0, 0);
      expect(squaredNorm / reference).toBeCloseTo(1, 8);
      return squaredNorm;
    });
    norms.slice(1).forEach((x, i) => expect(x).toBeGreaterThan(2 * norms[i]));
  });

  it('is infinite when y has a component along a null direction of K', () => {
    expect(rkhsNorm([[1, 1], [1, 1]], [1, -1]).squaredNorm).toBe(Infinity);
  });
});

// ---- test loss in the eigenbasis ----

describe('test loss', () => {
  /** (1/2m)‖f − y‖² by a plain loop over the explicitly iterated test outputs. */
  const halfMse = (f: number[], y: number[]) => f.reduce((s, fi, i) => s + (fi - y[i]) ** 2, 0) / (2 * f.length);

  it('equals the half mean squared error of explicitly iterated test outputs, with tiny and zero eigenvalues', () => {
    const { k, kTestTrain, f0Test, y, f0, rand } = problemWithTests([3, 1, 0.2, 1e-13, 0], 40, 7);
    const yTest = gaussians(rand, 7);
    const lr = 1.1;
    const dyn = linearisedDynamics({ kTrain: k, yTrain: y, f0Train: f0, lr, kTestTrain, f0Test });
    for (const t of [0, 1, 5, 60, 2000]) {
      const { fTest } = gdLoop(k, f0.map((f, i) => f - y[i]), lr, t, kTestTrain, f0Test);
      const reference = halfMse(fTest, yTest);
      expect(Math.abs(dyn.testLoss(t, 'gd', yTest) - reference)).toBeLessThan(1e-10 * reference);
    }
  });

  it('follows RK4 gradient flow at fractional times, and reaches 0 when the test outputs can fit the labels exactly', () => {
    const { k, kTestTrain, f0Test, y, f0, rand } = problemWithTests([4, 1.5, 0.5], 42, 5);
    const lr = 0.9;
    const dyn = linearisedDynamics({ kTrain: k, yTrain: y, f0Train: f0, lr, kTestTrain, f0Test });
    const times = [0.25, 3.5];
    const yTest = gaussians(rand, 5);
    rk4Flow(k, kTestTrain, f0.map((f, i) => f - y[i]), f0Test, lr, times, 2e-3).forEach(({ fTest }, i) => {
      const reference = halfMse(fTest, yTest);
      expect(Math.abs(dyn.testLoss(times[i], 'flow', yTest) - reference)).toBeLessThan(1e-9 * reference);
    });
    // Labels equal to the predicted outputs at t = 40: the loss there is round-off, never negative.
    const exact = dyn.testPrediction(40, 'gd');
    const atFit = dyn.testLoss(40, 'gd', exact);
    expect(atFit).toBeGreaterThanOrEqual(0);
    expect(atFit).toBeLessThan(1e-14 * halfMse(f0Test, exact));
  });

  it('keeps one set of terms per label array and checks its length', () => {
    const dyn = linearisedDynamics({ kTrain: [[2, 0.5], [0.5, 1]], yTrain: [1, -1], lr: 0.5, kTestTrain: [[1, 0.2]], f0Test: [0.3] });
    const labels = [0.7];
    expect(dyn.spectrum.testLossTermsFor(labels)).toBe(dyn.spectrum.testLossTermsFor(labels));
    expect(() => dyn.testLoss(3, 'gd', [1, 2])).toThrow(RangeError);
    expect(() => linearisedDynamics({ kTrain: [[1]], yTrain: [1], lr: 0.1 }).testLoss(1, 'gd', [1])).toThrow(/kTestTrain/);
  });
});
