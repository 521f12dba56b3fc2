/**
 * Accessibility: axe-core finds no serious or critical WCAG 2 A/AA violation on the essay (with its
 * first widgets rendered) or on the iframe page of each widget, and a keyboard alone reaches every control
 * of a widget, each with an accessible name and a visible focus indicator.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { elementName } from '../../../src/embed/names';
import { WIDGETS, type WidgetName } from '../../../src/widgets/registry';
import { SITE } from '../env';

const NAMES = Object.keys(WIDGETS) as WidgetName[];

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Rendering every essay widget takes about a minute on a loaded CPU-only machine; each is also checked alone below. */
const ESSAY_WIDGETS = 4;

test('the essay, with its first widgets rendered, has no serious accessibility violations', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto(`${SITE}/?backend=cpu`);
  for (const slot of (await page.locator('.widget-slot').all()).slice(0, ESSAY_WIDGETS)) {
    await slot.scrollIntoViewIfNeeded();
    await expect(slot.locator('section.widget')).toBeVisible();
  }
  expect(await seriousViolations(page)).toEqual([]);
});

test('each widget\'s iframe page has no serious accessibility violations', async ({ page }) => {
  test.setTimeout(60_000);
  const found: string[] = [];
  for (const name of NAMES) {
    await page.goto(`${SITE}/embed.html?w=${elementName(name)}&backend=cpu`);
    await expect(page.locator('section.widget')).toBeVisible();
    found.push(...(await seriousViolations(page)).map((v) => `${name}: ${v}`));
  }
  expect(found).toEqual([]);
});

test('the keyboard reaches every control of a widget, each named and with a visible focus style', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto(`${SITE}/embed.html?w=${elementName('lazy-vs-rich')}&backend=cpu`);
  const frame = page.locator('section.widget');
  await expect(frame.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  const controls = frame.locator('button, input, select, textarea, [tabindex]:not([tabindex="-1"])');
  const expected = await controls.evaluateAll((els) => els.filter((el) => !(el as HTMLInputElement).disabled).map((el) => el.id || el.outerHTML.slice(0, 80)));
  expect(expected.length).toBeGreaterThan(3);

  const reached = new Set<string>();
  const problems: string[] = [];
  await page.locator('body').focus();
  for (let i = 0; i < expected.length + 20 && reached.size < expected.length; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || !el.closest('section.widget')) return null;
      const input = el as HTMLInputElement;
      const labelText = [...(input.labels ?? [])].map((l) => l.textContent ?? '').join(' ');
      const name = (el.getAttribute('aria-label') ?? '') || (el.getAttribute('aria-labelledby') ? 'labelledby' : '') || labelText || el.textContent || '';
      const style = getComputedStyle(el);
      const focusVisible = el.matches(':focus-visible') && ((style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none');
      return { key: el.id || el.outerHTML.slice(0, 80), tag: el.tagName, name: name.trim(), focusVisible };
    });
    if (!info) continue;
    reached.add(info.key);
    if (!info.name) problems.push(`${info.tag} ${info.key} has no accessible name`);
    if (!info.focusVisible) problems.push(`${info.tag} ${info.key} shows no focus style`);
  }
  expect([...expected].filter((k) => !reached.has(k))).toEqual([]);
  expect(problems).toEqual([]);
});
