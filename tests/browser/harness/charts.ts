/** Test-only page: mounts ChartsHarness for tests/browser/charts.spec.ts. */
import { mount } from 'svelte';
import ChartsHarness from './ChartsHarness.svelte';

declare global {
  interface Window {
    __chartEvents?: { type: 'move' | 'drop' | 'add' | 'remove'; index: number; points: { x: number; y: number }[] }[];
  }
}

mount(ChartsHarness, { target: document.getElementById('app')! });
