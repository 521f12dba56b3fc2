/**
 * Seeded fuzzing of widget settings read from URLs: the essay's `?<widget>.<key>=…` and the iframe
 * route's `embed.html?w=<element>&<key>=…`. Every generated value is invalid (out of range, wrong
 * type, huge, NaN, empty, very long, markup, unknown key), so each must produce a visible issue that
 * names its setting, while the widget still renders with every control in range and nothing throws.
 * The test titles carry the seed; FUZZ_SEED=<n> runs another one.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readNumber } from '../../../src/lib/format';
import { createRng, type Rng } from '../../../src/lib/ntk/rng';
import type { Setting } from '../../../src/lib/settings';
import { elementName } from '../../../src/embed/names';
import { WIDGETS, type WidgetName } from '../../../src/widgets/registry';
import { SITE } from '../env';

const NAMES = Object.keys(WIDGETS) as WidgetName[];
const ESSAY_WIDGETS = 4;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng.uniform() * items.length)];

/** A raw value that `setting` must reject or clamp (never a valid one). Long ones stay short enough for a URL. */
function badValue(rng: Rng, s: Setting): string {
  const junk = ['abc', 'NaN', '<img src=x onerror=alert(1)>', 'x'.repeat(200), '%', '∞'];
  switch (s.kind) {
    case 'number': {
      const span = s.max - s.min;
      return pick(rng, [
        String(s.max + 1 + rng.uniform() * span * 10),
        String(s.min - 1 - rng.uniform() * 10),
        '9'.repeat(320),
        '-1e400',
        '',
        ...(s.integer && s.min + 1 < s.max ? [String(s.min + 0.5)] : []),
        ...junk,
      ]);
    }
    case 'choice':
      return pick(rng, ['zzz', '', '0', ...junk]);
    case 'boolean':
      return pick(rng, ['maybe', '2', 'truthy', ...junk]);
    case 'numberList':
      return pick(rng, [
        '',
        ',,,',
        String(s.max * 100),
        String(s.min - 5),
        Array.from({ length: s.maxLength + 2 }, () => String(s.min)).join(','),
        ...junk,
      ]);
    case 'pointList':
      return pick(rng, [
        ',,,',
        '0.1',
        '1:2:3',
        `${s.x.max + 1}:${s.y.min - 1}`,
        `${s.x.min}:abc`,
        Array.from({ length: s.maxLength + 2 }, (_, i) => `${s.x.min}:${(s.y.min + s.y.max) / 2 + i / 1000}`).join(','),
        ...junk,
      ]);
  }
}

/**
 * Bad [key, value] pairs for one widget: `perKey` for each of its settings (a repeated key must
 * produce one issue per value) and two unknown keys.
 */
function badSettings(rng: Rng, name: WidgetName, perKey: number): [string, string][] {
  const out: [string, string][] = [];
  for (const s of WIDGETS[name].schema) for (let i = 0; i < perKey; i++) out.push([s.key, badValue(rng, s)]);
  for (let i = 0; i < 2; i++) out.push([`bogus${Math.floor(rng.uniform() * 1e6)}`, pick(rng, ['1', '', 'x'.repeat(200)])]);
  return out;
}

function watchErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

/** The widget in `slot` rendered, names every bad key in its issues list, and shows only in-range controls. */
async function expectSafeWidget(slot: Locator, name: WidgetName, bad: [string, string][]) {
  await slot.scrollIntoViewIfNeeded();
  const frame = slot.locator('section.widget');
  await expect(frame).toBeVisible();
  await expect(slot.locator('.placeholder.failed')).toHaveCount(0);
  const badPerKey = new Map<string, number>();
  for (const [key] of bad) badPerKey.set(key, (badPerKey.get(key) ?? 0) + 1);
  for (const [key, count] of badPerKey) {
    const items = frame.locator(`.issues li[data-setting="${key}"]`);
    await expect(items.first()).toBeVisible();
    expect(await items.count(), key).toBeGreaterThanOrEqual(count);
  }

  for (const s of WIDGETS[name].schema) {
    const control = frame.locator(`input[id$="-${s.key}"], select[id$="-${s.key}"]`);
    if ((await control.count()) === 0) continue; // not every widget shows every setting as a control
    const input = control.first();
    if (s.kind === 'number') {
      const shown = readNumber(await frame.locator(`input[id="${await input.getAttribute('id')}-typed"]`).inputValue());
      // The field rounds to a few digits, hence the 1% slack.
      expect(shown, s.key).toBeGreaterThanOrEqual(s.min - 1e-2 * Math.abs(s.min) - 1e-12);
      expect(shown, s.key).toBeLessThanOrEqual(s.max + 1e-2 * Math.abs(s.max) + 1e-12);
    } else if (s.kind === 'choice') {
      expect(s.options.map((o) => o.value), s.key).toContain(await input.inputValue());
    } else if (s.kind === 'numberList') {
      const entries = (await input.inputValue()).split(',').map(Number);
      expect(entries.length, s.key).toBeLessThanOrEqual(s.maxLength);
      for (const v of entries) expect(v >= s.min && v <= s.max, `${s.key} entry ${v}`).toBe(true);
    } else if (s.kind === 'pointList') {
      const text = await input.inputValue();
      const points = text.trim() === '' ? [] : text.split(',').map((pair) => pair.split(':').map(Number));
      expect(points.length, s.key).toBeLessThanOrEqual(s.maxLength);
      if (s.default.length > 0) expect(points.length, s.key).toBeGreaterThanOrEqual(s.minLength);
      for (const [x, y] of points) {
        expect(x >= s.x.min && x <= s.x.max, `${s.key} x ${x}`).toBe(true);
        expect(y >= s.y.min && y <= s.y.max, `${s.key} y ${y}`).toBe(true);
      }
    }
  }
}

const seed = Number(process.env.FUZZ_SEED ?? 1);

test(`the essay survives bad settings for every widget in its URL (seed ${seed})`, async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchErrors(page);
  const rng = createRng(seed);
  const bad = new Map(NAMES.map((name) => [name, badSettings(rng, name, 2)]));
  const query = new URLSearchParams();
  for (const [name, pairs] of bad) for (const [key, value] of pairs) query.append(`${name}.${key}`, value);
  await page.goto(`${SITE}/?${query}`);
  // The essay renders its widgets one after another as the reader scrolls, which takes a minute on a
  // loaded CPU-only machine: the first chapters' widgets are checked here, every widget on the iframe route.
  const checked = NAMES.slice(0, ESSAY_WIDGETS);
  for (const name of checked) await expectSafeWidget(page.locator(`#widget-${name}`), name, bad.get(name)!);
  expect(problems).toEqual([]);
  expect(checked.reduce((sum, name) => sum + bad.get(name)!.length, 0)).toBeGreaterThanOrEqual(70);
});

test(`the iframe route survives bad settings for every widget (seed ${seed})`, async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchErrors(page);
  const rng = createRng(seed + 1);
  let total = 0;
  for (const name of NAMES) {
    const bad = badSettings(rng, name, 2);
    await page.goto(`${SITE}/embed.html?${new URLSearchParams([['w', elementName(name)], ...bad])}`);
    await expectSafeWidget(page.locator('main'), name, bad);
    expect(problems, name).toEqual([]);
    total += bad.length;
  }
  expect(total).toBeGreaterThanOrEqual(120);
});
