import { describe, expect, it } from 'vitest';
import { settingAttributes } from '../../../src/embed/attributes';
import { defineSchema, parseSettings } from '../../../src/lib/settings';
import { depthSetting, lrSetting, widthSetting } from '../../../src/widgets/kit/settings';

const schema = defineSchema([widthSetting({ default: 256 }), lrSetting({ default: 0.5 }), depthSetting({ default: 1 })]);
const attrs = (pairs: Record<string, string>) => Object.entries(pairs).map(([name, value]) => ({ name, value }));

describe('settingAttributes', () => {
  it('keeps settings and unknown names, drops the global attributes a host uses for itself', () => {
    const pairs = settingAttributes(schema, attrs({ id: 'w1', class: 'wide', style: 'margin: 0', 'data-week': '5', 'aria-label': 'x', hidden: '', lr: '0.2', widht: '64' }));
    expect(pairs).toEqual([['lr', '0.2'], ['widht', '64']]);
  });

  it('turns the bad attributes of the issue into specific messages and safe values', () => {
    const { values, issues } = parseSettings(schema, settingAttributes(schema, attrs({ width: '-5', lr: 'abc', depth: '99', widht: '64' })));
    expect(values).toEqual({ width: 8, lr: 0.5, depth: 4 });
    expect(issues.map((i) => i.key)).toEqual(['width', 'lr', 'depth', 'widht']);
    expect(issues[0].message).toContain('below the minimum 8');
    expect(issues[1].message).toContain('not a number');
    expect(issues[2].message).toContain('above the maximum 4');
    expect(issues[3].message).toContain('unknown setting "widht"');
  });
});
