import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../../src/engine/engine';
import { defaults } from '../../../../src/lib/settings';
import { frozenDataset, runRequest, type FrozenSettings } from '../../../../src/widgets/frozen-kernel-dynamics/run';
import { maxLossGap, maxOutputGap } from '../../../../src/widgets/frozen-kernel-dynamics/plots';
import { schema } from '../../../../src/widgets/frozen-kernel-dynamics/schema';
import { LinearisedSession } from '../../../../src/widgets/kit/linearisedSession.svelte';

// Real networks trained by the engine (tfjs CPU backend in Node), compared with their own K₀.
const engine = createEngine();
beforeAll(async () => {
  await engine.init(['cpu']);
});

async function train(settings: FrozenSettings) {
  const session = new LinearisedSession(engine);
  session.horizon = settings.steps;
  await session.load(runRequest(settings, frozenDataset(settings)));
  session.player.play();
  await new Promise((resolve) => setTimeout(resolve, 0));
  while (session.player.working) await new Promise((resolve) => setTimeout(resolve, 5));
  const result = {
    lossGap: maxLossGap(session.linearised!, session.records),
    outputGap: maxOutputGap(session.linearised!, session.records),
    fell: session.records[0].trainLoss / session.latest!.trainLoss,
    step: session.step,
    error: session.error ?? session.player.error,
  };
  session.dispose();
  return result;
}

describe('frozen-kernel widget runs', () => {
  it('track their linearisation closely when wide and drift from it when narrow', async () => {
    const base = { ...defaults(schema), steps: 40 };
    const wide = await train({ ...base, width: 2048 });
    const narrow = await train({ ...base, width: 16 });
    for (const run of [wide, narrow]) {
      expect(run.error).toBeNull();
      expect(run.step).toBe(40);
      expect(run.fell).toBeGreaterThan(5);
    }
    // Measured on this seed: output gaps ≈ 0.01 and 0.15, loss gaps ≈ 0.014 and 0.03. The output gap
    // is the quantity bounded by O(width^−1/2) (Lee et al. 2019); 128× the width must shrink it > 3×.
    expect(wide.outputGap).toBeLessThan(0.03);
    expect(narrow.outputGap).toBeGreaterThan(3 * wide.outputGap);
    expect(wide.lossGap).toBeLessThan(0.1);
  });
});
