/**
 * Expectations under a bivariate Gaussian, for the dual kernels of activations that have no closed
 * form (tanh).
 *
 * Method: whiten with the Cholesky factor, u = √k11·z₁, v = √k22·(ρz₁ + √(1 − ρ²)·z₂), and apply the
 * trapezoid rule with step h to each of z₁, z₂ ~ N(0, 1). For an integrand analytic in the strip
 * |Im z| < a the trapezoid rule on the real line converges like exp(−2πa/h) (Trefethen & Weideman
 * 2014, "The exponentially convergent trapezoidal rule", §5). An activation analytic for
 * |Im x| < c (tanh: poles at ±iπ/2) gives a = c/√max(k11, k22) in z, so h follows from the tolerance.
 * Gauss–Hermite does much worse here: its nodes spread out like √(2n) while tanh(√k·z) becomes a
 * step as k grows. At k11 = 4, k22 = 5.2, ρ = 0.999 the tensor rule of order 64 (4096 nodes) is
 * still 1.4e-3 off in T′ (order 100: 1.4e-4), where this rule is within 1e-11 using ~9000 nodes.
 */

/**
 * The bound's constant grows as the strip edge nears the poles; measured on tanh (worst at ρ → ±1),
 * the error stays below PREFACTOR_MARGIN·exp(−exponent), so the step aims that much lower.
 */
const PREFACTOR_MARGIN = 1e4;

export interface AnalyticityStrip {
  /** The functions are analytic for |Im x| < halfWidth (tanh: π/2). */
  halfWidth: number;
  /** Target absolute error of each expectation, for integrands bounded by 1 (default 1e-10). */
  tolerance?: number;
}

/** A function R → R^m written into `out` (e.g. an activation and its derivative from one call). */
export type VectorFunction = (x: number, out: Float64Array) => void;

/**
 * Trapezoid step in whitened coordinates that reaches `tolerance` for the given strip and scale.
 * On the strip |Im z| < a the Gaussian weight grows like e^{a²/2}, so the error is
 * ~ exp(a²/2 − 2πa/h), minimised over a ≤ a_pole: a = a_pole while a_pole < 2π/h, otherwise the
 * Gaussian-only limit a = 2π/h, error ~ exp(−2π²/h²). Solving for h gives the two branches below.
 */
function trapezoidStep(strip: AnalyticityStrip, maxStd: number): number {
  const target = Math.log(PREFACTOR_MARGIN / (strip.tolerance ?? 1e-10));
  const poleDistance = strip.halfWidth / maxStd; // Infinity when maxStd = 0
  return poleDistance < Math.sqrt(2 * target)
    ? (2 * Math.PI * poleDistance) / (target + poleDistance ** 2 / 2)
    : Math.PI * Math.sqrt(2 / target);
}

/**
 * E[F_m(u)·F_m(v)] for each component m of F, (u, v) ~ N(0, [[k11, k12], [k12, k22]]). A zero
 * variance leaves ρ undefined; ρ := 0 there, which is exact because that coordinate is then
 * identically zero. The larger variance always plays u, so swapping k11 and k22 gives bitwise
 * the same result (Gram matrices come out exactly symmetric).
 */
export function gaussianExpectedProducts(
  F: VectorFunction,
  components: number,
  k11: number,
  k22: number,
  k12: number,
  strip: AnalyticityStrip,
): number[] {
  const s1 = Math.sqrt(Math.max(k11, k22));
  const s2 = Math.sqrt(Math.min(k11, k22));
  const rho = s1 * s2 > 0 ? Math.min(1, Math.max(-1, k12 / (s1 * s2))) : 0;
  const along = s2 * rho;
  const across = s2 * Math.sqrt(1 - rho * rho);

  // Truncate to the disc z₁² + z₂² ≤ R², outside which N(0, I₂) has mass e^{−R²/2} = tolerance/10.
  const radius = Math.sqrt(2 * Math.log(10 / (strip.tolerance ?? 1e-10)));
  const h = trapezoidStep(strip, s1);
  const half = Math.ceil(radius / h);
  const nodes = new Float64Array(2 * half + 1);
  const weights = new Float64Array(2 * half + 1);
  for (let k = -half; k <= half; k++) {
    nodes[k + half] = k * h;
    weights[k + half] = (h * Math.exp(-0.5 * (k * h) ** 2)) / Math.sqrt(2 * Math.PI);
  }

  const fu = new Float64Array(components);
  const fv = new Float64Array(components);
  const inner = new Float64Array(components);
  const sums = new Array<number>(components).fill(0);
  for (let i = 0; i < nodes.length; i++) {
    const z1 = nodes[i];
    const reach = Math.floor(Math.sqrt(Math.max(0, radius * radius - z1 * z1)) / h);
    F(s1 * z1, fu);
    inner.fill(0);
    for (let j = half - reach; j <= half + reach; j++) {
      F(along * z1 + across * nodes[j], fv);
      for (let m = 0; m < components; m++) inner[m] += weights[j] * fv[m];
    }
    for (let m = 0; m < components; m++) sums[m] += weights[i] * fu[m] * inner[m];
  }
  return sums;
}
