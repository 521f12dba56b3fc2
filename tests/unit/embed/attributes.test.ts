import { describe, expect, it } from 'vitest';
import { splitAttributes } from '../../../src/embed/attributes';
import { EMBED_OPTION_KEYS } from '../../../src/embed/options';
import { WIDGETS } from '../../../src/widgets/registry';
import { defineSchema, parseSettings } from '../../../src/lib/settings';
import { depthSetting, lrSetting, widthSetting } from '../../../src/widgets/kit/settings';

const schema = defineSchema([widthSetting({ default: 256 }), lrSetting({ default: 0.5 }), depthSetting({ default: 1 })]);
const attrs = (pairs: Record<string, string>) => Object.entries(pairs).map(([name, value]) => ({ name, value }));

describe('splitAttributes', () => {
  it('keeps settings and unknown names, drops the global attributes a host uses for itself', () => {
    const { settings } = splitAttributes(schema, attrs({ id: 'w1', class: 'wide', style: 'margin: 0', 'data-week': '5', 'aria-label': 'x', hidden: '', lr: '0.2', widht: '64' }));
    expect(settings).toEqual([['lr', '0.2'], ['widht', '64']]);
  });

  it('sets the embed options apart from the settings', () => {
    const split = splitAttributes(schema, attrs({ compact: '', LR: '0.2', scale: '1.5', theme: 'dark', backend: 'wasm' }));
    expect(split).toEqual({ settings: [['lr', '0.2']], options: [['compact', ''], ['scale', '1.5'], ['theme', 'dark'], ['backend', 'wasm']] });
  });

  it('no widget has a setting named like an embed option', () => {
    for (const { schema: widgetSchema } of Object.values(WIDGETS)) {
      expect(widgetSchema.map((s) => s.key).filter((key) => EMBED_OPTION_KEYS.includes(key))).toEqual([]);
    }
  });

  it('turns the bad attributes of the issue into specific messages and safe values', () => {
    const { values, issues } = parseSettings(schema, splitAttributes(schema, attrs({ width: '-5', lr: 'abc', depth: '99', widht: '64' })).settings);
    expect(values).toEqual({ width: 8, lr: 0.5, depth: 4 });
    expect(issues.map((i) => i.key)).toEqual(['width', 'lr', 'depth', 'widht']);
    expect(issues[0].message).toContain('below the minimum 8');
    expect(issues[1].message).toContain('not a number');
    expect(issues[2].message).toContain('above the maximum 4');
    expect(issues[3].message).toContain('unknown setting "widht"');
  });
});
