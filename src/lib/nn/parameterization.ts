/**
 * How each Dense layer is initialised, scaled in the forward pass and trained, for the three
 * parameterisations of a width-n network. Layer l computes
 *
 *   z_l = weightMultiplier · A_{l−1} W_l + biasMultiplier · b_l,
 *
 * with stored W_l ~ N(0, weightInitStd²), b_l ~ N(0, biasInitStd²), and gradient descent on the
 * stored W_l, b_l uses learning rates η·weightLrFactor, η·biasLrFactor.
 *
 * | param    | stored init       | weight multiplier                        | bias mult | lr factor                         |
 * | ntk      | N(0,1)            | W_std/√fan_in (all layers)               | b_std     | 1                                 |
 * | standard | N(0,W_std²/fan_in)| 1  (bias stored N(0,b_std²), mult 1)     | 1         | 1                                 |
 * | mup      | N(0,1)            | W_std/√fan_in; output layer W_std/fan_in | b_std     | n for weights and hidden biases;  |
 * |          |                   |                                          |           | 1 for the output bias             |
 *
 * 'ntk' is neural-tangents' stax parameterisation (Jacot et al. 2018), so at infinite width its
 * kernel is `analyticKernels(…).ntk`. 'standard' has the same effective weights at init (the same
 * seed gives the same function) but its NTK with respect to the stored parameters grows with n.
 * 'mup' is Yang & Hu (2021)'s μP for SGD (Yang et al. 2022, Table 3; checked in
 * tests/unit/nn/parameterization.test.ts), a_1 = −½, a_l = 0, a_{L+1} = ½, b = ½, c = 0, moved by
 * their symmetry (a, b, c) → (a + ½, b − ½, c − 1) to N(0,1) storage. With one hidden layer it is
 * the mean-field network f = (1/n) Σ_i a_i φ(w_i·x/√d) trained with learning rate η·n. The output
 * bias keeps factor 1 so that it moves f by O(1) per step, like every other parameter group.
 */
import type { MlpSpec } from '../ntk';

export type Parameterization = 'ntk' | 'standard' | 'mup';

export const PARAMETERIZATIONS: readonly Parameterization[] = ['ntk', 'standard', 'mup'];

/**
 * Whether the lr-weighted K₀ tends to the analytic NTK as the width grows. It does under NTK
 * parameterisation (neural-tangents stax), and under μP, whose lr factor n on every weight matrix
 * exactly undoes its 1/n readout in JCJᵀ (the two K₀ are equal for the same seed). Under standard
 * parameterisation the readout gradient is O(1) per unit, so K₀ grows like the width and has no
 * limit at a fixed η.
 * Widgets import it from this module, not from lib/nn's index, which would bring tfjs to the page.
 */
export function hasKernelLimit(parameterization: Parameterization): boolean {
  return parameterization !== 'standard';
}

/** Where a layer sits: all that the table depends on besides W_std and b_std. */
export interface LayerPosition {
  fanIn: number;
  /** Hidden width n of the network. */
  width: number;
  isOutput: boolean;
}

export interface LayerScaling {
  weightInitStd: number;
  weightMultiplier: number;
  biasInitStd: number;
  biasMultiplier: number;
  weightLrFactor: number;
  biasLrFactor: number;
}

type ScalingRule = (position: LayerPosition, spec: Pick<MlpSpec, 'wStd' | 'bStd'>) => LayerScaling;

export const SCALING_RULES: Record<Parameterization, ScalingRule> = {
  ntk: ({ fanIn }, { wStd, bStd }) => ({
    weightInitStd: 1,
    weightMultiplier: wStd / Math.sqrt(fanIn),
    biasInitStd: 1,
    biasMultiplier: bStd,
    weightLrFactor: 1,
    biasLrFactor: 1,
  }),
  standard: ({ fanIn }, { wStd, bStd }) => ({
    weightInitStd: wStd / Math.sqrt(fanIn),
    weightMultiplier: 1,
    biasInitStd: bStd,
    biasMultiplier: 1,
    weightLrFactor: 1,
    biasLrFactor: 1,
  }),
  mup: ({ fanIn, width, isOutput }, { wStd, bStd }) => ({
    weightInitStd: 1,
    weightMultiplier: isOutput ? wStd / fanIn : wStd / Math.sqrt(fanIn),
    biasInitStd: 1,
    biasMultiplier: bStd,
    weightLrFactor: width,
    biasLrFactor: isOutput ? 1 : width,
  }),
};

/** The scaling of every layer, input layer first, output layer last. */
export function layerScalings(
  parameterization: Parameterization,
  spec: MlpSpec,
  inputDim: number,
  width: number,
): LayerScaling[] {
  const rule = SCALING_RULES[parameterization];
  return Array.from({ length: spec.depth + 1 }, (_, l) =>
    rule({ fanIn: l === 0 ? inputDim : width, width, isOutput: l === spec.depth }, spec),
  );
}
