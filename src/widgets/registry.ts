/**
 * Every widget by name: its title and settings schema (small, imported eagerly so hosts can
 * validate settings) and its component (loaded lazily, so the essay's text never waits for it).
 */
import type { Component } from 'svelte';
import type { Schema } from '../lib/settings';
import type { WidgetProps } from './types';
import { schema as networkVsLinearisation } from './network-vs-linearisation/schema';
import { schema as tangentFeatures } from './tangent-features/schema';
import { schema as kernelExplorer } from './kernel-explorer/schema';
import { schema as frozenKernelDynamics } from './frozen-kernel-dynamics/schema';
import { schema as eigenmodeDecay } from './eigenmode-decay/schema';
import { schema as dataGeometry } from './data-geometry/schema';
import { schema as ntkDrift } from './ntk-drift/schema';
import { schema as lazyVsRich } from './lazy-vs-rich/schema';
import { schema as functionSpace } from './function-space/schema';

export interface WidgetEntry {
  title: string;
  schema: Schema;
  load: () => Promise<Component<WidgetProps<any>>>;
}

export const WIDGETS = {
  'network-vs-linearisation': {
    title: 'A wide network trains like its linearisation',
    schema: networkVsLinearisation,
    load: () => import('./network-vs-linearisation/NetworkVsLinearisation.svelte').then((m) => m.default),
  },
  'tangent-features': {
    title: 'Tangent features and the kernel',
    schema: tangentFeatures,
    load: () => import('./tangent-features/TangentFeatures.svelte').then((m) => m.default),
  },
  'kernel-explorer': {
    title: 'Kernel explorer: finite width against infinite width',
    schema: kernelExplorer,
    load: () => import('./kernel-explorer/KernelExplorer.svelte').then((m) => m.default),
  },
  'frozen-kernel-dynamics': {
    title: 'Loss decay with a frozen kernel',
    schema: frozenKernelDynamics,
    load: () => import('./frozen-kernel-dynamics/FrozenKernelDynamics.svelte').then((m) => m.default),
  },
  'eigenmode-decay': {
    title: 'Eigenmode residual decay',
    schema: eigenmodeDecay,
    load: () => import('./eigenmode-decay/EigenmodeDecay.svelte').then((m) => m.default),
  },
  'data-geometry': {
    title: 'Data geometry and the RKHS norm',
    schema: dataGeometry,
    load: () => import('./data-geometry/DataGeometry.svelte').then((m) => m.default),
  },
  'ntk-drift': {
    title: 'How far the kernel moves during training',
    schema: ntkDrift,
    load: () => import('./ntk-drift/NtkDrift.svelte').then((m) => m.default),
  },
  'lazy-vs-rich': {
    title: 'Lazy versus rich training',
    schema: lazyVsRich,
    load: () => import('./lazy-vs-rich/LazyVsRich.svelte').then((m) => m.default),
  },
  'function-space': {
    title: 'Training as a path in function space',
    schema: functionSpace,
    load: () => import('./function-space/FunctionSpace.svelte').then((m) => m.default),
  },
} satisfies Record<string, WidgetEntry>;

export type WidgetName = keyof typeof WIDGETS;

export function isWidgetName(name: string): name is WidgetName {
  return Object.hasOwn(WIDGETS, name);
}
