import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/lib/ntk';
import { particleDisplacement, particlePositions, particleSample } from '../../../../src/widgets/lazy-vs-rich/measures';
import { relativeGap } from '../../../../src/widgets/kit/functionFit';

/** Neurons given as rows w_i = (a, b), laid out as the worker sends them: all first components, then all second. */
function flatten(rows: number[][]): Float32Array {
  return Float32Array.from([...rows.map((w) => w[0]), ...rows.map((w) => w[1])]);
}

function randomNeurons(width: number, seed: number): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: width }, () => [rng.normal(), rng.normal()]);
}

describe('relativeGap', () => {
  it('is the distance to the reference in units of how far the reference moved', () => {
    const start = [1, 1, 1, 1];
    const reference = [4, 5, 1, 1]; // moved by (3, 4, 0, 0): length 5
    const f = [4, 5, 2, 1]; // 1 away from the reference
    expect(relativeGap(f, reference, start)).toBeCloseTo(1 / 5, 15);
  });

  it('is null while the reference has not moved, and 0 when f is the reference', () => {
    expect(relativeGap([1, 2], [0, 0], [0, 0])).toBeNull();
    expect(relativeGap([3, 4], [3, 4], [0, 0])).toBe(0);
  });
});

describe('particleDisplacement', () => {
  it('is 2·sin(φ/2) when every neuron turns by φ about the origin', () => {
    const initial = randomNeurons(300, 1);
    for (const phi of [0.01, 0.5, Math.PI / 2]) {
      const turned = initial.map(([a, b]) => [a * Math.cos(phi) - b * Math.sin(phi), a * Math.sin(phi) + b * Math.cos(phi)]);
      expect(particleDisplacement(flatten(turned), flatten(initial), 300)).toBeCloseTo(2 * Math.sin(phi / 2), 5);
    }
  });

  it('is s when every neuron is scaled by 1 + s, and 0 when nothing moves', () => {
    const initial = randomNeurons(64, 2);
    const grown = initial.map((w) => w.map((x) => 1.25 * x));
    expect(particleDisplacement(flatten(grown), flatten(initial), 64)).toBeCloseTo(0.25, 5);
    expect(particleDisplacement(flatten(initial), flatten(initial), 64)).toBe(0);
  });

  it('averages over all neurons: one neuron moving d among m of unit length gives d/m', () => {
    const initial = Array.from({ length: 10 }, (_, i) => [Math.cos(i), Math.sin(i)]);
    const moved = initial.map((w, i) => (i === 3 ? [w[0] + 0.6, w[1] - 0.8] : w));
    expect(particleDisplacement(flatten(moved), flatten(initial), 10)).toBeCloseTo(1 / 10, 6);
  });
});

describe('particleSample', () => {
  it('keeps every neuron of a narrow network', () => {
    expect(particleSample(32, 200)).toEqual(Array.from({ length: 32 }, (_, i) => i));
  });

  it('spreads at most `count` distinct neurons evenly over a wide one', () => {
    const sample = particleSample(1024, 200);
    expect(sample).toHaveLength(200);
    expect(new Set(sample).size).toBe(200);
    expect(sample[0]).toBe(0);
    expect(Math.max(...sample)).toBeLessThan(1024);
    const gaps = sample.slice(1).map((i, k) => i - sample[k]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(6);
  });
});

describe('particlePositions', () => {
  it('reads neuron i as (first component, second component) of the flat layout', () => {
    const rows = randomNeurons(7, 3);
    const positions = particlePositions(flatten(rows), 7, [0, 4, 6]);
    expect(positions).toEqual([0, 4, 6].map((i) => ({ x: Math.fround(rows[i][0]), y: Math.fround(rows[i][1]) })));
  });
});
