/**
 * The widget's training run on a real network (tfjs, CPU), against the linearised prediction from
 * the run's own K₀: the claims its caption makes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../../src/engine/engine';
import type { Activation } from '../../../../src/lib/ntk';
import type { TrainRecord } from '../../../../src/lib/nn';
import { predictedLosses } from '../../../../src/lib/ntk';
import { makeProblem, networkConfig } from '../../../../src/widgets/data-geometry/run';
import { bestRecord, predictedEarlyStop } from '../../../../src/widgets/kit/earlyStopping';
import { InitialKernel, type LinearisedRun } from '../../../../src/widgets/kit/linearisedRun';

const engine = createEngine();
const problem = makeProblem({ n: 20, spread: 0.2, noise: 0.1, seed: 1 });
const data = { xTrain: problem.xTrain, yTrain: problem.yNoisy, xTest: problem.xTest, yTest: problem.yTest };
const RECORD_AT = [1, 2, 3, 5, 8, 12, 18, 27, 40, 60, 90, 150];

async function train(activation: Activation, width: number, lr: number): Promise<{ records: TrainRecord[]; theory: LinearisedRun }> {
  const start = await engine.createRun({ network: networkConfig({ activation, depth: 1, width, parameterization: 'ntk', seed: 1 }), data, options: { lr, centered: true } });
  const records = [start.initial];
  for (const step of RECORD_AT) records.push((await engine.stepRun(start.runId, { steps: step - records[records.length - 1].step })).record);
  await engine.disposeRun(start.runId);
  return { records, theory: new InitialKernel(start, data).at(lr) };
}

const relativeGap = (measured: number, predicted: number) => Math.abs(measured - predicted) / predicted;

describe('training on two clusters with flipped labels', () => {
  let relu: Awaited<ReturnType<typeof train>>;
  let erf: Awaited<ReturnType<typeof train>>;
  beforeAll(async () => {
    await engine.init(['cpu']);
    relu = await train('relu', 1024, 2);
    erf = await train('erf', 1024, 1.5);
  });

  it('follows the linearised prediction while the top modes are fitted', () => {
    const predicted = predictedLosses(relu.theory.theory, RECORD_AT, problem.yTest);
    relu.records.slice(1, 7).forEach((r, i) => {
      expect(r.step).toBe(predicted[i].step);
      expect(relativeGap(r.trainLoss, predicted[i].train)).toBeLessThan(0.03);
      expect(relativeGap(r.testLoss!, predicted[i].test!)).toBeLessThan(0.05);
    });
  });

  it('has its lowest test loss early, near the predicted step, and loses it by fitting the flips', () => {
    const best = bestRecord(relu.records)!;
    const predictedBest = predictedEarlyStop(relu.theory, 150);
    expect(best.step).toBeGreaterThan(0);
    expect(best.step).toBeLessThan(60);
    expect(Math.abs(Math.log(best.step / predictedBest.step))).toBeLessThan(Math.log(2));
    expect(relu.records.at(-1)!.testLoss!).toBeGreaterThan(1.3 * best.testLoss!);
  });

  it('with ReLU fits the flips more slowly than its frozen K₀ predicts; with erf it does not', () => {
    const at = (run: typeof relu) => {
      const last = run.records[run.records.length - 1];
      return { measured: last.trainLoss, predicted: run.theory.theory.loss(last.step, 'gd') };
    };
    const reluEnd = at(relu);
    const erfEnd = at(erf);
    expect(reluEnd.measured).toBeGreaterThan(1.1 * reluEnd.predicted);
    expect(relativeGap(erfEnd.measured, erfEnd.predicted)).toBeLessThan(0.02);
  });
});
