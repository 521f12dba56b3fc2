import { expect, test, type Page } from '@playwright/test';
import { lossBoundExercise } from '../../content/claims';
import { SITE } from './env';

/** Collects console errors, page errors and requests to any other origin while a test runs. */
function watch(page: Page) {
  const problems: string[] = [];
  const origin = new URL(SITE).origin;
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) problems.push(`request to ${url}`);
  });
  return problems;
}

test('the essay renders its chapters, typeset math and references, with no errors or outside requests', async ({ page }) => {
  const problems = watch(page);
  await page.goto(`${SITE}/`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/neural tangent kernel/i);
  await expect(page.locator('main h2')).toHaveCount(7); // six chapters + references
  expect(await page.locator('.katex').count()).toBeGreaterThan(50);
  await expect(page.locator('.katex-error')).toHaveCount(0);
  await expect(page.locator('#references li')).not.toHaveCount(0);
  expect(problems).toEqual([]);
});

test('an exercise judges answers typed by keyboard', async ({ page }) => {
  await page.goto(`${SITE}/#frozen-kernel`);
  // The loss-bound exercise of chapter 3: t = n ln(L0/L*) / (2ηλ_min), computed independently here.
  const exercise = page.locator('#frozen-kernel .exercise').first();
  await exercise.scrollIntoViewIfNeeded();
  const question = await exercise.textContent();
  const input = exercise.getByRole('textbox');
  await input.fill('1');
  await input.press('Enter');
  await expect(exercise.locator('.exercise-feedback')).not.toHaveAttribute('data-verdict', 'correct');
  const lossBound = lossBoundExercise;
  expect(question).toContain(String(lossBound.lambdaMin));
  const expected = (lossBound.n * Math.log(lossBound.loss0 / lossBound.target)) / (2 * lossBound.lr * lossBound.lambdaMin);
  await input.fill(expected.toPrecision(5));
  await input.press('Enter');
  await expect(exercise.locator('.exercise-feedback')).toHaveAttribute('data-verdict', 'correct');
});

test('on a 390 px phone no line starts with the punctuation after inline math, and every display equation too wide for the column is a labelled, focusable scroller', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${SITE}/`);
  await page.evaluate(() => document.fonts.ready);
  // The text after the math (its full stop, comma, …) sits on the line of the math's last part.
  const orphaned = await page.locator('.math-glued').evaluateAll((spans) =>
    spans.flatMap((span) => {
      const text = span.lastChild;
      const bases = span.querySelectorAll('.katex-html > .base');
      const last = bases[bases.length - 1] ?? span.querySelector('.eqref');
      if (!(text instanceof Text) || !last) return [];
      const range = document.createRange();
      range.selectNodeContents(text);
      const glued = range.getClientRects()[0];
      const math = last.getBoundingClientRect();
      const middle = (glued.top + glued.bottom) / 2;
      return middle > math.top && middle < math.bottom ? [] : [span.textContent];
    }),
  );
  expect(await page.locator('.math-glued').count()).toBeGreaterThan(50);
  expect(orphaned).toEqual([]);

  const equations = await page.locator('.equation-body').evaluateAll((bodies) =>
    bodies.map((b) => ({ wide: b.scrollWidth > b.clientWidth + 1, tabindex: b.getAttribute('tabindex'), label: b.getAttribute('aria-label') })),
  );
  const wide = equations.filter((e) => e.wide);
  expect(wide.length).toBeGreaterThan(0);
  for (const e of wide) {
    expect(e.tabindex).toBe('0');
    expect(e.label).toMatch(/^Equation \(\d+\), wider than the page: scroll sideways/);
  }
  expect(equations.filter((e) => !e.wide && e.tabindex !== null)).toEqual([]);
  // The keyboard scrolls a wide one.
  const first = page.locator('.equation-body[tabindex="0"]').first();
  await first.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => first.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
});
