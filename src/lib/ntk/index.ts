/**
 * The NTK math core: analytic infinite-width kernels, linearised training dynamics and the
 * seeded data sets the widgets use. Pure TypeScript (no DOM, no tfjs) so that it runs in Node,
 * in a Web Worker and in any course author's page.
 */
export * from './types';
export * from './rng';
export * from './kernels';
export * from './datasets';
export * from './dynamics';
export * from './stats';
export * from './grids';
export { toRows } from './linalg';
