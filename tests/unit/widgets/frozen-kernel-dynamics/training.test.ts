import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../../src/engine/engine';
import { defaults } from '../../../../src/lib/settings';
import { frozenDataset, runRequest, type FrozenSettings } from '../../../../src/widgets/frozen-kernel-dynamics/experiment';
import { maxLossGap } from '../../../../src/widgets/frozen-kernel-dynamics/plots';
import { schema } from '../../../../src/widgets/frozen-kernel-dynamics/schema';
import { LinearisedSession } from '../../../../src/widgets/shared/linearisedSession.svelte';

// Real networks trained by the engine (tfjs CPU backend in Node), compared with their own K₀.
const engine = createEngine();
beforeAll(async () => {
  await engine.init(['cpu']);
});

async function train(settings: FrozenSettings) {
  const session = new LinearisedSession(engine);
  await session.reset(runRequest(settings, frozenDataset(settings)), settings.steps);
  session.player.play();
  while (session.player.running) await new Promise((resolve) => setTimeout(resolve, 5));
  const result = {
    gap: maxLossGap(session.linearised!, session.records),
    fell: session.records[0].trainLoss / session.latest!.trainLoss,
    step: session.step,
    error: session.error ?? session.player.error,
  };
  session.dispose();
  return result;
}

describe('frozen-kernel widget runs', () => {
  it('track the linearised loss closely when wide and drift from it when narrow', async () => {
    const base = { ...defaults(schema), steps: 40 };
    const wide = await train({ ...base, width: 2048 });
    const narrow = await train({ ...base, width: 16 });
    console.log(JSON.stringify({ wide, narrow }));
    for (const run of [wide, narrow]) {
      expect(run.error).toBeNull();
      expect(run.step).toBe(40);
      expect(run.fell).toBeGreaterThan(10);
    }
    expect(wide.gap).toBeLessThan(0.15);
    expect(narrow.gap).toBeGreaterThan(2 * wide.gap);
  });
});
