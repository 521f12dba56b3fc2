import { describe, expect, test } from 'vitest';
import { parseRichText, plainText, richRuns, richTextLength } from '../../../src/charts/richText';
import { renderChart } from './ssr';
import LineChart from '../../../src/charts/LineChart.svelte';

describe('parseRichText', () => {
  test('^{…} raises, _{…} lowers, groups nest', () => {
    expect(parseRichText('e^{−2ηt}')).toEqual([
      { text: 'e', shifts: [] },
      { text: '−2ηt', shifts: ['super'] },
    ]);
    expect(parseRichText('λ_{min} e^{x_{a}}!')).toEqual([
      { text: 'λ', shifts: [] },
      { text: 'min', shifts: ['sub'] },
      { text: ' e', shifts: [] },
      { text: 'x', shifts: ['super'] },
      { text: 'a', shifts: ['super', 'sub'] },
      { text: '!', shifts: [] },
    ]);
  });

  test('caret-and-parenthesis labels ("e^(−2ηλ t/n)") render as superscripts, nested parentheses included', () => {
    expect(parseRichText('L(0)e^(−2η(λ+1) t/n) end')).toEqual([
      { text: 'L(0)e', shifts: [] },
      { text: '−2η(λ+1) t/n', shifts: ['super'] },
      { text: ' end', shifts: [] },
    ]);
  });

  test('everything else is literal: bare underscores, lone carets, unclosed groups', () => {
    for (const label of ['λ_min', 'x_a and x_b', 'a^b', 'x^{open', 'f_(x)', '(vₖᵀy)²/λₖ', '']) {
      expect(parseRichText(label).map((s) => s.text).join('')).toBe(label);
      expect(parseRichText(label).every((s) => s.shifts.length === 0)).toBe(true);
    }
  });
});

describe('plainText and runs', () => {
  test('plain text keeps the grouping with parentheses', () => {
    expect(plainText('e^{x_{a}} + λ_{min}')).toBe('e^(x_(a)) + λ_(min)');
    expect(plainText('flow bound L(0)e^(−2ηλ_min t/n)')).toBe('flow bound L(0)e^(−2ηλ_min t/n)');
  });

  test('shifted runs are smaller and off the baseline: raised up, lowered down, nested further', () => {
    const [base, raised, lowered] = richRuns('e^{x_{a}}');
    expect(base).toEqual({ text: 'e', scale: 1, baseline: 0 });
    expect(raised.scale).toBeLessThan(1);
    expect(raised.baseline).toBeLessThan(0);
    expect(lowered.scale).toBeLessThan(raised.scale);
    expect(lowered.baseline).toBeGreaterThan(raised.baseline);
    expect(richTextLength('e^{xy}')).toBeCloseTo(1 + 2 * raised.scale, 10);
  });

  test('a legend label with markup renders shifted spans, an axis title tspans, the plain text nothing extra', () => {
    const html = renderChart(LineChart, {
      title: 'Rich',
      yLabel: 'e^{−t}',
      series: [
        { id: 'a', label: 'bound e^(−2ηλ t/n)', kind: 'line', points: [{ x: 0, y: 1 }, { x: 1, y: 0.5 }] },
        { id: 'b', label: 'plain λ_min', kind: 'line', points: [{ x: 0, y: 1 }, { x: 1, y: 0.7 }] },
      ],
    });
    expect(html).toMatch(/<li[^>]*>.*?bound e<span class="shifted[^"]*" style="font-size: 75%; top: [^"]*">−2ηλ t\/n<\/span>/s);
    expect(html).toContain('plain λ_min</span>');
    expect(html).toMatch(/<text class="title[^>]*><tspan>e<\/tspan><tspan dy="-0\.533em" font-size="75%">−t<\/tspan><\/text>/);
  });
});
