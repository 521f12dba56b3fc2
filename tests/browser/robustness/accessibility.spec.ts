/**
 * Accessibility: axe-core finds no serious or critical WCAG 2 A/AA violation on the essay (with
 * every widget rendered) or on the iframe page of each widget; the keyboard alone reaches every
 * control of every widget, each with an accessible name and a visible focus indicator, and operates
 * it (Enter and Space press buttons, arrows move sliders and selects, Space ticks boxes, typing
 * edits lists); and with prefers-reduced-motion: reduce nothing on the essay or in embedded widgets
 * animates.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type ElementHandle, type JSHandle, type Locator, type Page } from '@playwright/test';
import { elementName } from '../../../src/embed/names';
import { EMBED_SCRIPT_PATH } from '../../../src/embed/paths';
import { readNumber } from '../../../src/lib/format';
import { WIDGETS, type WidgetName } from '../../../src/widgets/registry';
import { SITE } from '../env';

const NAMES = Object.keys(WIDGETS) as WidgetName[];
const READY = { timeout: 60_000 };

/** Small networks, so that every widget shows its first results quickly on the CPU backend. */
const SMALL: Record<WidgetName, Record<string, string>> = {
  'network-vs-linearisation': { width: '64' },
  'tangent-features': { width: '64' },
  'kernel-explorer': { width: '64', seeds: '2' },
  'frozen-kernel-dynamics': { width: '64', n: '8' },
  'eigenmode-decay': { width: '64', n: '8' },
  'data-geometry': { width: '64', n: '8' },
  'ntk-drift': { widths: '16,32', steps: '20' },
  'lazy-vs-rich': { width: '64', n: '8' },
  'function-space': { width: '64', n: '8' },
};

const essayQuery = () => new URLSearchParams([['backend', 'cpu'], ...NAMES.flatMap((name) => Object.entries(SMALL[name]).map(([k, v]) => [`${name}.${k}`, v]))]);
const embedUrl = (name: WidgetName) => `${SITE}/embed.html?${new URLSearchParams({ w: elementName(name), backend: 'cpu', ...SMALL[name] })}`;

/** Waits until the widget in `scope` shows its first results: a run ready to train, the sampled networks, the measurement. */
async function rendered(name: WidgetName, scope: Locator): Promise<void> {
  const widget = scope.locator('section.widget');
  await expect(widget).toBeVisible(READY);
  if (name === 'tangent-features') await expect(widget.getByText('Measured', { exact: true })).toBeVisible(READY);
  // It starts training by itself (unless motion is reduced): its network's curve shows the run exists.
  else if (name === 'network-vs-linearisation') await expect(widget.locator('path[data-series="network"]')).toHaveCount(1, READY);
  else if (name === 'kernel-explorer') await expect(widget.getByText(/Sampled \d+ networks/)).toBeVisible(READY);
  else await expect(widget.getByRole('button', { name: 'Train', exact: true })).toBeEnabled(READY);
}

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('the essay, with every widget rendered, has no serious accessibility violations', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto(`${SITE}/?${essayQuery()}`);
  for (const name of NAMES) {
    const slot = page.locator(`#widget-${name}`);
    await slot.scrollIntoViewIfNeeded();
    await rendered(name, slot);
  }
  expect(await seriousViolations(page)).toEqual([]);
});

test('each widget\'s iframe page has no serious accessibility violations', async ({ page }) => {
  test.setTimeout(90_000);
  const found: string[] = [];
  for (const name of NAMES) {
    await page.goto(embedUrl(name));
    await rendered(name, page.locator('main'));
    found.push(...(await seriousViolations(page)).map((v) => `${name}: ${v}`));
  }
  expect(found).toEqual([]);
});

/** What identifies a control in reports: its id, else its label or text. */
const controlKey = (el: Element) => `${el.tagName.toLowerCase()} ${el.id || el.getAttribute('aria-label') || el.textContent?.trim()}`;

/** Records the clicks that reach `button` and stops them there, so that pressing it changes nothing. */
async function catchClicks(button: ElementHandle): Promise<() => Promise<number>> {
  await button.evaluate((el) => {
    const host = el as HTMLElement & { caught?: number; catcher?: (e: Event) => void };
    host.caught = 0;
    host.catcher = (e: Event) => {
      if (e.target !== el) return;
      host.caught!++;
      e.stopImmediatePropagation();
      e.preventDefault();
    };
    window.addEventListener('click', host.catcher, true);
  });
  return () =>
    button.evaluate((el) => {
      const host = el as HTMLElement & { caught?: number; catcher?: (e: Event) => void };
      window.removeEventListener('click', host.catcher!, true);
      return host.caught!;
    });
}

/** Presses `key` on a select and then `back`, expecting the first to choose another option and the second to restore it. */
async function changesAndRestores(select: Locator, key: string, back: string): Promise<void> {
  await select.focus();
  const before = await select.inputValue();
  await select.press(key);
  if ((await select.inputValue()) === before) {
    // The last option: the other way.
    [key, back] = [back, key];
    await select.press(key);
  }
  expect(await select.inputValue(), `${key} on ${await select.evaluate(controlKey)}`).not.toBe(before);
  await select.press(back);
  await expect(select).toHaveValue(before);
}

/** Arrow keys move a slider's value (as announced, aria-valuetext) up and down. */
async function movesBothWays(slider: Locator): Promise<void> {
  const value = async () => readNumber((await slider.getAttribute('aria-valuetext')) ?? '');
  const name = await slider.evaluate(controlKey);
  await slider.focus();
  const start = await value();
  await slider.press('ArrowRight');
  const atTop = (await value()) === start;
  if (atTop) await slider.press('ArrowLeft');
  const moved = await value();
  expect(moved, `first arrow on ${name}`)[atTop ? 'toBeLessThan' : 'toBeGreaterThan'](start);
  await slider.press(atTop ? 'ArrowRight' : 'ArrowLeft');
  expect(await value(), `second arrow on ${name}`)[atTop ? 'toBeGreaterThan' : 'toBeLessThan'](moved);
}

for (const name of NAMES) {
  test(`keyboard: Tab reaches every control of ${name}, named and visibly focused, and keys operate each`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(embedUrl(name));
    const frame = page.locator('section.widget');
    await rendered(name, page.locator('main'));
    // "More settings" folds the other controls away; the keyboard unfolds it (Enter on its summary).
    const folded = frame.locator('details:not([open]) > summary');
    for (let left = await folded.count(); left > 0; left--) {
      await folded.first().focus();
      await page.keyboard.press('Enter');
      await expect(folded).toHaveCount(left - 1);
    }
    const controls = await frame.locator('button, input, select, textarea, [tabindex]:not([tabindex="-1"])').all();
    const expected: string[] = [];
    for (const control of controls) if (await control.isEnabled()) expected.push(await control.evaluate(controlKey));
    expect(expected.length).toBeGreaterThan(3);

    const reached = new Set<string>();
    const problems: string[] = [];
    await page.locator('body').focus();
    // Focusing a movable point shows its remove button too, so more controls are reached than were listed.
    for (let i = 0; i < 2 * expected.length + 20 && expected.some((k) => !reached.has(k)); i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluateHandle(() => document.activeElement);
      const info = await focused.evaluate((el) => {
        if (!el || !el.closest('section.widget')) return null;
        const input = el as HTMLInputElement;
        const labelText = [...(input.labels ?? [])].map((l) => l.textContent ?? '').join(' ');
        const name = (el.getAttribute('aria-label') ?? '') || (el.getAttribute('aria-labelledby') ? 'labelledby' : '') || labelText || el.textContent || '';
        const style = getComputedStyle(el);
        const focusVisible = el.matches(':focus-visible') && ((style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none');
        return { name: name.trim(), focusVisible };
      });
      if (!info) continue;
      const key = await (focused as JSHandle<Element>).evaluate(controlKey);
      reached.add(key);
      if (!info.name) problems.push(`${key} has no accessible name`);
      if (!info.focusVisible) problems.push(`${key} shows no focus style`);
    }
    expect(expected.filter((k) => !reached.has(k))).toEqual([]);
    expect(problems).toEqual([]);

    // Arrows move every slider and select, Space ticks every box, typing edits every list.
    const enabled = (selector: string) => frame.locator(`${selector}:not(:disabled)`).all();
    for (const slider of await enabled('input[type="range"]')) await movesBothWays(slider);
    for (const select of await enabled('select')) await changesAndRestores(select, 'ArrowDown', 'ArrowUp');
    for (const box of await enabled('input[type="checkbox"]')) {
      await box.focus();
      const checked = await box.isChecked();
      await box.press('Space');
      await expect(box).toBeChecked({ checked: !checked });
      await box.press('Space');
      await expect(box).toBeChecked({ checked });
    }
    for (const list of await enabled('input[type="text"]')) {
      const before = await list.inputValue();
      const reversed = before.split(', ').reverse();
      await list.focus();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(reversed.join(',  '));
      await page.keyboard.press('Enter');
      await expect(list).toHaveValue(reversed.join(', '));
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(before);
      await page.keyboard.press('Enter');
      await expect(list).toHaveValue(before);
    }

    // Enter and Space each press every button (the press is caught before it does anything).
    await rendered(name, page.locator('main'));
    // Handles, not locators: focusing a movable point inserts its remove button, which would shift
    // every later nth() locator onto a different button.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (const button of await frame.locator('button:not(:disabled)').elementHandles()) {
      const caught = await catchClicks(button);
      await button.focus();
      await button.press('Enter');
      await button.press('Space');
      expect(await caught(), `clicks on ${await button.evaluate(controlKey)}`).toBe(2);
    }
    // And for real: Space on Train trains.
    const train = frame.getByRole('button', { name: 'Train', exact: true });
    if ((await train.count()) > 0) {
      await train.focus();
      await page.keyboard.press('Space');
      await expect.poll(async () => Number(await frame.locator('.transport output').textContent()), READY).toBeGreaterThan(0);
    }
  });
}

/** Animations and transitions in the document and in every shadow root that last longer than a millisecond. */
function lastingAnimations(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const roots: (Document | ShadowRoot)[] = [document, ...[...document.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? [el.shadowRoot] : []))];
    return roots.flatMap((root) =>
      root.getAnimations().flatMap((a) => {
        const duration = Number(a.effect?.getComputedTiming().duration ?? 0);
        const target = (a.effect as KeyframeEffect | null)?.target;
        const what = (a as CSSTransition).transitionProperty ?? (a as CSSAnimation).animationName ?? a.constructor.name;
        return duration > 1 ? [`${what} on ${target?.tagName.toLowerCase()}.${target?.className} for ${duration} ms`] : [];
      }),
    );
  });
}

/** Hovers and focuses every enabled button in `scope`, collecting the animations each sets off. */
async function stir(page: Page, scope: Locator): Promise<string[]> {
  const found: string[] = [];
  for (const button of await scope.locator('button:not(:disabled)').all()) {
    await button.hover();
    await button.focus();
    found.push(...(await lastingAnimations(page)));
  }
  return found;
}

test('with prefers-reduced-motion: reduce, nothing animates on the essay or in embedded widgets', async ({ page }) => {
  test.setTimeout(150_000);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`${SITE}/?${essayQuery()}`);
  const found: string[] = [];
  for (const name of NAMES) {
    const slot = page.locator(`#widget-${name}`);
    await slot.scrollIntoViewIfNeeded();
    await rendered(name, slot);
    found.push(...(await stir(page, slot)));
  }
  const badge = page.locator('.site-header summary');
  await badge.hover();
  await badge.click();
  found.push(...(await lastingAnimations(page)));

  // The custom elements render into shadow roots, which the essay's stylesheet does not reach.
  const elements = NAMES.map((name) => `<${elementName(name)} ${Object.entries(SMALL[name]).map(([k, v]) => `${k}="${v}"`).join(' ')}></${elementName(name)}>`);
  await page.route((url) => url.href.startsWith(`${SITE}/reduced-motion.html`), (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>Widgets</title><script type="module" src="${EMBED_SCRIPT_PATH}"></script></head><body>${elements.join('\n')}</body></html>`,
    }),
  );
  await page.goto(`${SITE}/reduced-motion.html?backend=cpu`);
  for (const name of NAMES) {
    const element = page.locator(elementName(name));
    await element.scrollIntoViewIfNeeded();
    await rendered(name, element);
    found.push(...(await stir(page, element)));
  }
  expect(found).toEqual([]);
});
