/**
 * What the drift widget asks the worker to train: one network per width, all on the same data and
 * seed, each with its learning rate from one rule (the same η for all, or the same fraction of each
 * width's own stability limit). Pure: no DOM, no tfjs.
 */
import type { RunRequest } from '../../engine/api';
import { makeDataset } from '../../lib/ntk';
import type { MlpConfig, TrainRecord, TrainingData } from '../../lib/nn';
import type { SettingsOf } from '../../lib/settings';
import type { RequestSplit } from '../kit/liveRun.svelte';
import { createFlops, stepFlops } from '../kit/workEstimate';
import type { schema } from './schema';

export type DriftSettings = SettingsOf<typeof schema>;

/** Few points, since every record recomputes each width's n × n kernel. */
const dataset = makeDataset('circleFourier', { n: 16 });
export const DRIFT_DATA: TrainingData = { xTrain: dataset.xTrain, yTrain: dataset.yTrain };

const W_STD = 1;
const B_STD = 0.1;

/** How each width's η is chosen: one η for all, or the same fraction of each width's 2n/λ_max. */
export type RateRule = { kind: 'fixed'; lr: number } | { kind: 'fraction'; fraction: number };

export function rateRule(s: Pick<DriftSettings, 'lrmode' | 'lr' | 'lrfraction'>): RateRule {
  return s.lrmode === 'fraction' ? { kind: 'fraction', fraction: s.lrfraction } : { kind: 'fixed', lr: s.lr };
}

/** The η a network with stability limit `limit` (2n/λ_max of its own K₀) trains at under `rule`. */
export function learningRate(rule: RateRule, limit: number): number {
  return rule.kind === 'fixed' ? rule.lr : rule.fraction * limit;
}

export function sameRule(a: RateRule, b: RateRule): boolean {
  return a.kind === 'fixed' ? b.kind === 'fixed' && a.lr === b.lr : b.kind === 'fraction' && a.fraction === b.fraction;
}

/** The runs the settings describe. */
export interface DriftRequest {
  /** Every width's network but for the width itself. */
  network: Omit<MlpConfig, 'width'>;
  widths: number[];
  data: TrainingData;
  rule: RateRule;
}

/** Every width's network but for the width itself. */
export function networkFor(s: Pick<DriftSettings, 'depth' | 'activation' | 'parameterization' | 'seed'>): Omit<MlpConfig, 'width'> {
  return {
    inputDim: dataset.inputDim,
    depth: s.depth,
    activation: s.activation,
    wStd: W_STD,
    bStd: B_STD,
    parameterization: s.parameterization,
    seed: s.seed,
  };
}

export function driftRequest(s: DriftSettings): DriftRequest {
  return { network: networkFor(s), widths: [...s.widths], data: DRIFT_DATA, rule: rateRule(s) };
}

/**
 * The worker's run for one width: the kernel drift measured at every record, and under the
 * fraction rule η chosen by the worker from the K₀ it computes anyway (RunStart.lr says which).
 */
export function widthRunRequest({ network, data, rule }: DriftRequest, width: number): RunRequest {
  const run: RunRequest = {
    network: { ...network, width },
    data,
    // options.lr is ignored when lrFraction is set.
    options: { lr: rule.kind === 'fixed' ? rule.lr : 0, kernelEvery: 1 },
  };
  if (rule.kind === 'fraction') run.lrFraction = rule.fraction;
  return run;
}

/** FLOPs of building every width's network and K₀. */
export function buildFlops({ network, widths, data }: DriftRequest): number {
  return widths.reduce((sum, width) => sum + createFlops({ ...network, width }, data.xTrain.length), 0);
}

/**
 * FLOPs of one chunk of `steps` GD steps for every width and its record, which recomputes the
 * kernel: about what building the network cost.
 */
export function chunkFlops(request: DriftRequest, steps: number): number {
  const n = request.data.xTrain.length;
  return request.widths.reduce((sum, width) => sum + steps * stepFlops({ ...request.network, width }, n), 0) + buildFlops(request);
}

/** What the plots need from a worker record. */
export interface DriftRecord {
  step: number;
  trainLoss: number;
  /** ‖K_t − K₀‖_F/‖K₀‖_F; absent where the record did not recompute the kernel. */
  kernelChange?: number;
  /** ‖θ_t − θ₀‖/‖θ₀‖ over all effective parameters. */
  paramChange: number;
  /** ‖W₁(t) − W₁(0)‖_F/‖W₁(0)‖_F of the input layer. */
  firstLayerChange: number;
}

export function driftRecord(record: TrainRecord): DriftRecord {
  return {
    step: record.step,
    trainLoss: record.trainLoss,
    kernelChange: record.kernelChange,
    paramChange: record.paramChange,
    firstLayerChange: record.layerWeightChange[0],
  };
}

/** New networks for anything but the rate rule; the rule alone retunes the same networks. */
export const driftSplit: RequestSplit<DriftRequest, RateRule> = {
  networkKey: ({ network, widths, data }) => JSON.stringify({ network, widths, data }),
  rate: (request) => request.rule,
};
