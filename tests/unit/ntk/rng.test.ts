import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/ntk/rng';

const draw = (seed: number, count: number, pick: 'uniform' | 'normal') => {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => rng[pick]());
};

describe('createRng', () => {
  it('replays the same stream from the same seed', () => {
    expect(draw(42, 1000, 'uniform')).toEqual(draw(42, 1000, 'uniform'));
    expect(draw(42, 1000, 'normal')).toEqual(draw(42, 1000, 'normal'));
    const a = createRng(7).fillNormal(new Float64Array(500), 2);
    expect(Array.from(a)).toEqual(draw(7, 500, 'normal').map((z) => 2 * z));
  });

  it('gives unrelated streams for different (even adjacent) seeds', () => {
    const streams = [0, 1, 2, 12345].map((seed) => draw(seed, 2000, 'uniform'));
    for (let a = 0; a < streams.length; a++) {
      for (let b = a + 1; b < streams.length; b++) {
        expect(streams[a]).not.toEqual(streams[b]);
        // Sample correlation of independent uniforms: sd 1/√2000 ≈ 0.022.
        const corr = correlation(streams[a], streams[b]);
        expect(Math.abs(corr)).toBeLessThan(0.1);
      }
    }
  });

  it('draws uniforms in [0, 1) that fill equal bins evenly (χ² test)', () => {
    const count = 100_000;
    const uniforms = draw(3, count, 'uniform');
    expect(uniforms.every((u) => u >= 0 && u < 1)).toBe(true);
    const bins = new Array<number>(20).fill(0);
    for (const u of uniforms) bins[Math.floor(u * 20)]++;
    const expected = count / 20;
    const chi2 = bins.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // χ² with 19 degrees of freedom: P(χ² > 43.8) = 0.001.
    expect(chi2).toBeLessThan(43.8);
    expect(Math.abs(correlation(uniforms.slice(1), uniforms.slice(0, -1)))).toBeLessThan(5 / Math.sqrt(count));
  });

  it('draws standard normals: mean, variance, kurtosis and tails within Monte-Carlo error', () => {
    const count = 200_000;
    const z = draw(11, count, 'normal');
    const mean = z.reduce((s, v) => s + v, 0) / count;
    const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / count;
    const fourth = z.reduce((s, v) => s + (v - mean) ** 4, 0) / count;
    // Standard errors: mean 1/√N, variance √(2/N), fourth moment √(96/N) (E z⁸ − (E z⁴)² = 105 − 9).
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(count));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / count));
    expect(Math.abs(fourth - 3)).toBeLessThan(5 * Math.sqrt(96 / count));
    // P(|Z| > 2) = 0.0455; binomial sd √(p(1 − p)/N).
    const tail = z.filter((v) => Math.abs(v) > 2).length / count;
    expect(Math.abs(tail - 0.0455)).toBeLessThan(5 * Math.sqrt((0.0455 * 0.9545) / count));
    // Box–Muller pairs are independent: consecutive draws uncorrelated.
    expect(Math.abs(correlation(z.slice(1), z.slice(0, -1)))).toBeLessThan(5 / Math.sqrt(count));
  });

  it('draws integers uniformly in {0, …, n − 1}', () => {
    const rng = createRng(5);
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[rng.int(7)]++;
    const chi2 = counts.reduce((s, c) => s + (c - 10_000) ** 2 / 10_000, 0);
    expect(chi2).toBeLessThan(22.5); // χ² with 6 d.o.f.: P(> 22.5) = 0.001
  });
});

function correlation(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
