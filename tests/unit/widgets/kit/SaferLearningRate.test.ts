import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { NumberSetting } from '../../../../src/lib/settings';
import SaferLearningRate from '../../../../src/widgets/kit/SaferLearningRate.svelte';

const setting: NumberSetting = { kind: 'number', key: 'lr', label: 'Learning rate η', default: 1, min: 0.001, max: 100, scale: 'log' };

describe('SaferLearningRate', () => {
  it('offers half the limit only while η is near or past it', () => {
    expect(render(SaferLearningRate, { props: { setting, value: 1, limit: 3.2 } }).body).not.toContain('button');
    expect(render(SaferLearningRate, { props: { setting, value: 3, limit: 3.2 } }).body).toContain('Use η = 1.6, half the stability limit');
    expect(render(SaferLearningRate, { props: { setting, value: 50, limit: 3.2 } }).body).toContain('Use η = 1.6');
    expect(render(SaferLearningRate, { props: { setting, value: 50, limit: null } }).body).not.toContain('button');
  });
});
