/**
 * The tfjs layer: finite-width MLPs in the ntk / standard / μP parameterisations, their empirical
 * NTK, a full-batch GD trainer and backend selection. Numbers in and out are plain arrays; tensors
 * stay on the backend.
 */
export * from './parameterization';
export * from './activations';
export * from './mlp';
export * from './fusedGdStep';
export * from './empiricalNtk';
export * from './trainer';
export * from './backend';
export * from './speedProbe';
