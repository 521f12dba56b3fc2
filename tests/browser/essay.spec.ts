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
