import { describe, expect, it } from 'vitest';
import { serializeSettings } from '../../../../src/lib/settings';
import { readWidgetSettings } from '../../../../src/widgets/urlState';
import { SPEEDS, speedFactor, speedSetting } from '../../../../src/widgets/kit/settings';
import { schema as driftSchema } from '../../../../src/widgets/ntk-drift/schema';
import { schema as lazySchema } from '../../../../src/widgets/lazy-vs-rich/schema';
import { schema as frozenSchema } from '../../../../src/widgets/frozen-kernel-dynamics/schema';
import { schema as eigenSchema } from '../../../../src/widgets/eigenmode-decay/schema';
import { schema as geometrySchema } from '../../../../src/widgets/data-geometry/schema';

describe('speedSetting', () => {
  const schema = [speedSetting()] as const;

  it('offers ¼× to 4×, defaults to 1× and stands for the factor its label names', () => {
    const setting = speedSetting();
    expect(setting.default).toBe('1');
    expect(setting.options.map((o) => o.label)).toEqual(['¼×', '½×', '1×', '2×', '4×']);
    expect(SPEEDS.map(speedFactor)).toEqual([0.25, 0.5, 1, 2, 4]);
  });

  it('round-trips every value through the page URL', () => {
    for (const speed of SPEEDS) {
      const query = new URLSearchParams(serializeSettings(schema, { speed }).map(([k, v]) => [`w.${k}`, v])).toString();
      const { values, issues } = readWidgetSettings(schema, 'w', `?${query}`);
      expect(issues).toEqual([]);
      expect(values.speed).toBe(speed);
    }
    expect(serializeSettings(schema, { speed: '1' })).toEqual([]);
  });

  it('reports an unknown speed and falls back to 1×', () => {
    const { values, issues } = readWidgetSettings(schema, 'w', '?w.speed=3');
    expect(values.speed).toBe('1');
    expect(issues[0].message).toContain('0.25, 0.5, 1, 2, 4');
  });

  it('is a setting of every training widget', () => {
    for (const widget of [driftSchema, lazySchema, frozenSchema, eigenSchema, geometrySchema]) {
      expect(widget.filter((s) => s.key === 'speed')).toHaveLength(1);
    }
  });
});
