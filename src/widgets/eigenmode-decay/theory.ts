/**
 * Reading K₀'s eigenbasis on the circle: which Fourier frequency each eigenvector is, which modes to
 * show, and where the spectrum is cut after t steps. Pure: no DOM.
 */

/** The Fourier frequency k carrying most of v's energy, v sampled at the angles θ. */
export function dominantFrequency(v: readonly number[], thetas: readonly number[]): number {
  let best = 0;
  let bestEnergy = -1;
  for (let k = 0; k <= Math.floor(thetas.length / 2); k++) {
    let c = 0;
    let s = 0;
    thetas.forEach((theta, i) => {
      c += v[i] * Math.cos(k * theta);
      s += v[i] * Math.sin(k * theta);
    });
    // cos 0 and (for even n) cos(nθ/2) have squared norm n, the other Fourier vectors n/2.
    const norm = k === 0 || 2 * k === thetas.length ? thetas.length : thetas.length / 2;
    const energy = (c * c + s * s) / norm;
    if (energy > bestEnergy) {
      bestEnergy = energy;
      best = k;
    }
  }
  return best;
}

export interface ModeWeights {
  /** v_kᵀy of the clean target, in eigen order. */
  target: readonly number[];
  /** v_kᵀr₀ of the initial residual (noise included), in eigen order. */
  residual: readonly number[];
  /** The Fourier frequency of each eigenvector. */
  frequencies: readonly number[];
}

/** A contrast mode must carry at least this fraction of ‖r₀‖, far above float32 round-off, to be drawn. */
const VISIBLE_SHARE = 1e-3;

/**
 * The modes to plot, in eigenvalue order, `max` in all: the `top` largest eigenvalues; then the
 * others that carry at least `share` of the target's norm (|v_kᵀy| ≥ share·‖y‖), largest first, so a
 * target further down the spectrum is always in view; then, for contrast, the leading mode of each
 * frequency not yet shown, down the spectrum, where the residual (the label noise) has something to
 * draw, so slower modes are always there to compare with.
 */
export function shownModes({ target, residual, frequencies }: ModeWeights, { top, share, max }: { top: number; share: number; max: number }): number[] {
  const targetNorm = Math.hypot(...target);
  const residualNorm = Math.hypot(...residual);
  const chosen = Array.from({ length: Math.min(top, target.length) }, (_, k) => k);
  const loaded = target
    .map((w, k) => ({ k, w: Math.abs(w) }))
    .slice(top)
    .filter(({ w }) => w >= share * targetNorm)
    .sort((a, b) => b.w - a.w)
    .map(({ k }) => k);
  chosen.push(...loaded.slice(0, max - chosen.length));
  const seen = new Set(chosen.map((k) => frequencies[k]));
  for (let k = 0; k < residual.length && chosen.length < max; k++) {
    if (seen.has(frequencies[k]) || Math.abs(residual[k]) < VISIBLE_SHARE * residualNorm) continue;
    seen.add(frequencies[k]);
    chosen.push(k);
  }
  return chosen.sort((a, b) => a - b);
}

/**
 * The spectrum's soft cut after t steps at learning rate η: modes with λ well above n/(ηt) are
 * fitted (ηλt/n ≫ 1), those well below are not yet (Eq. mode-decay).
 */
export function fittedAbove(n: number, lr: number, step: number): number {
  return n / (lr * step);
}
