/** The chapter bodies, in the order and with the titles of ./outline.ts. */
import type { Component } from 'svelte';
import Linearisation from './01-linearisation.svelte';
import InfiniteWidth from './02-infinite-width.svelte';
import FrozenKernel from './03-frozen-kernel.svelte';
import Spectrum from './04-spectrum.svelte';
import LazyVsRich from './05-lazy-vs-rich.svelte';
import WhatSurvives from './06-what-survives.svelte';
import { outline, type ChapterSlug } from './outline';

const bodies: Record<ChapterSlug, Component> = {
  linearisation: Linearisation,
  'infinite-width': InfiniteWidth,
  'frozen-kernel': FrozenKernel,
  spectrum: Spectrum,
  'lazy-vs-rich': LazyVsRich,
  'what-survives': WhatSurvives,
};

export const chapters = outline.map((entry) => ({ ...entry, body: bodies[entry.slug] }));
