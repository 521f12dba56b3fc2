import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../../src/engine/engine';
import { defaults } from '../../../../src/lib/settings';
import { eigenmodeDataset, modeGap, residualFraction, runRequest, type EigenmodeSettings } from '../../../../src/widgets/eigenmode-decay/experiment';
import { schema } from '../../../../src/widgets/eigenmode-decay/schema';
import { LinearisedSession } from '../../../../src/widgets/shared/linearisedSession.svelte';

// A real network trained by the engine (tfjs CPU backend in Node), read in its own K₀'s eigenbasis.
const engine = createEngine();
beforeAll(async () => {
  await engine.init(['cpu']);
});

async function train(settings: EigenmodeSettings) {
  const session = new LinearisedSession(engine);
  const data = eigenmodeDataset(settings);
  await session.reset(runRequest(settings, data), settings.steps);
  session.player.play();
  while (session.player.running) await new Promise((resolve) => setTimeout(resolve, 5));
  const run = session.linearised!;
  const result = {
    topModeGap: modeGap(run, session.records, [0, 1, 2, 3, 4]),
    fraction: residualFraction(session.records[0], session.latest!, data.yTrain),
    predictedFraction: Math.sqrt(run.theory.loss(session.step, 'gd') / run.theory.loss(0, 'gd')),
    step: session.step,
  };
  session.dispose();
  return result;
}

describe('spectral bias of a trained network', () => {
  const base = { ...defaults(schema), n: 16, width: 512, noise: 0, steps: 20 };

  it('fits a low-frequency target in a few steps and a high-frequency one late, as its own K₀ predicts', async () => {
    const low = await train({ ...base, target: 'low' });
    const high = await train({ ...base, target: 'high' });
    expect(low.step).toBe(20);
    expect(high.step).toBe(20);
    // Measured mode residuals of the top modes stay within 2 % of ‖r₀‖ of (1 − ηλ_k/n)ᵗ v_kᵀr₀.
    expect(low.topModeGap).toBeLessThan(0.02);
    expect(high.topModeGap).toBeLessThan(0.02);
    expect(Math.abs(low.fraction - low.predictedFraction)).toBeLessThan(0.02);
    expect(Math.abs(high.fraction - high.predictedFraction)).toBeLessThan(0.03);
    // cos θ lives in the second and third modes (eigenvalue ≈ 16 for n = 16 at η = 1 ⇒ gone in a few steps);
    // cos 4θ in modes about thirty times smaller, which keep most of their residual after 20 steps.
    expect(low.fraction).toBeLessThan(0.05);
    expect(high.fraction).toBeGreaterThan(0.5);
  });
});
