/**
 * Seeded, reproducible random numbers (Math.random is never used in the NTK core, so every
 * figure and test can be replayed from its seed).
 *
 * Generator: sfc32 (Chris Doty-Humphrey's "small fast counting" generator from PractRand;
 * 128-bit state, passes PractRand and BigCrush), its state filled from the seed by SplitMix32
 * so that nearby seeds give unrelated streams. uniform() has 32-bit resolution.
 * Normals: Box–Muller transform (Box & Muller 1958); each pair of uniforms gives two normals,
 * the second one is kept for the next call.
 */

export interface Rng {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Uniform integer in {0, …, n − 1}. */
  int(n: number): number;
  /** Fills `out` with independent N(0, std²) draws and returns it. */
  fillNormal<T extends Float32Array | Float64Array | number[]>(out: T, std?: number): T;
}

const TWO_POW_32 = 4294967296;

/** SplitMix32 (a 32-bit variant of Steele, Lea & Flood's SplitMix64 output mix). */
function splitMix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** sfc32 step: returns an unsigned 32-bit integer. */
function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
}

/** A generator whose whole stream is determined by the integer `seed`. */
export function createRng(seed: number): Rng {
  const mix = splitMix32(seed);
  const next = sfc32(mix(), mix(), mix(), mix());
  // Discard a few outputs, as PractRand's own sfc32 seeding does.
  for (let i = 0; i < 12; i++) next();

  const uniform = () => next() / TWO_POW_32;
  // The spare normal lives in a typed array: a captured `let` number would be re-boxed on every
  // write, which made sampling several times slower.
  const spare = new Float64Array(1);
  let hasSpare = false;

  const normal = () => {
    if (hasSpare) {
      hasSpare = false;
      return spare[0];
    }
    const radius = Math.sqrt(-2 * Math.log(1 - uniform())); // 1 − u ∈ (0, 1]: log is finite
    const angle = 2 * Math.PI * uniform();
    spare[0] = radius * Math.sin(angle);
    hasSpare = true;
    return radius * Math.cos(angle);
  };

  return {
    uniform,
    normal,
    int: (n) => Math.floor(uniform() * n),
    fillNormal(out, std = 1) {
      for (let i = 0; i < out.length; i++) out[i] = std * normal();
      return out;
    },
  };
}
