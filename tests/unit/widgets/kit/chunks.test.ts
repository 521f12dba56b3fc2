import { describe, expect, it } from 'vitest';
import { CHUNK_TARGET_MS, nextChunk } from '../../../../src/widgets/kit/chunks';

/** The steps at which records land, from 0 to the horizon. */
function recordSteps(horizon: number, speed: number): number[] {
  const steps = [0];
  while (steps[steps.length - 1] < horizon) steps.push(steps[steps.length - 1] + nextChunk(steps[steps.length - 1], horizon, speed));
  return steps;
}

describe('nextChunk', () => {
  it('at speed 1 starts with single steps, grows with t, caps at horizon/40 and lands exactly on the horizon', () => {
    for (const horizon of [1, 7, 40, 300, 5000]) {
      const steps = [0];
      while (steps[steps.length - 1] < horizon) {
        const chunk = nextChunk(steps[steps.length - 1], horizon, 1);
        expect(chunk).toBeGreaterThanOrEqual(1);
        expect(chunk).toBeLessThanOrEqual(Math.max(1, Math.ceil(horizon / 40)));
        steps.push(steps[steps.length - 1] + chunk);
      }
      expect(steps[steps.length - 1]).toBe(horizon);
      expect(steps.slice(0, 9)).toEqual(Array.from({ length: Math.min(9, horizon + 1) }, (_, i) => i));
      expect(steps.length).toBeLessThan(40 + 8 * Math.log(horizon + 1) + 2);
      expect(nextChunk(horizon, horizon, 1)).toBe(0);
    }
  });

  it('multiplies the chunk by the speed, never below one step nor past the horizon', () => {
    // Late in a 300-step run the speed-1 chunk is the cap ⌈300/40⌉ = 8.
    expect([0.25, 0.5, 1, 2, 4].map((speed) => nextChunk(200, 300, speed))).toEqual([2, 4, 8, 16, 32]);
    // Early on a speed-1 chunk is one step, which slower speeds cannot shrink.
    expect(nextChunk(3, 300, 0.25)).toBe(1);
    expect(nextChunk(3, 300, 4)).toBe(4);
    expect(nextChunk(290, 300, 4)).toBe(10);
    for (const speed of [0.25, 4]) expect(recordSteps(300, speed).at(-1)).toBe(300);
  });

  it('gives fewer records per run the faster it goes', () => {
    const counts = [0.25, 0.5, 1, 2, 4].map((speed) => recordSteps(5000, speed).length);
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThan(counts[i - 1]);
  });

  it('runs no more steps than fit in CHUNK_TARGET_MS at the measured pace, and at least one', () => {
    expect(nextChunk(4000, 5000, 4)).toBe(500);
    expect(nextChunk(4000, 5000, 4, CHUNK_TARGET_MS / 20)).toBe(20);
    expect(nextChunk(4000, 5000, 4, 3 * CHUNK_TARGET_MS)).toBe(1);
    expect(nextChunk(4999, 5000, 4, 0.001)).toBe(1);
  });
});
