/**
 * Links that land and controls that hit round values: a widget's "Copy link" reproduces its
 * settings and scrolls to it, a reload keeps the reading position although the widgets above it
 * load lazily and change height, sliders stop at round values while updating on every move, typed
 * values commit (or are refused with a message), and citations and equation references preview
 * what they point at.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { SITE } from './env';

const READY = { timeout: 60_000 };

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}

/** Emulates a browser without scroll anchoring (Safari): only the essay's own code keeps the place. */
async function withoutScrollAnchoring(page: Page) {
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = '* { overflow-anchor: none !important; }';
      document.head.append(style);
    });
  });
}

const topOf = (locator: Locator) => locator.evaluate((el) => el.getBoundingClientRect().top);

test('sliders stop at round values and update while dragged; typed values commit or are refused; Copy link round-trips the settings and lands on the widget', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${SITE}/?backend=cpu#widget-data-geometry`);
  const widget = page.locator('#widget-data-geometry');
  await widget.locator('.more-settings > summary').click(READY);
  const width = widget.getByRole('slider', { name: 'Width' });
  await expect(width).toBeVisible(READY);

  // Arrow keys: widths in powers of two, η at 1–2–5 values.
  await width.focus();
  await page.keyboard.press('ArrowRight');
  await expect(width).toHaveAttribute('aria-valuetext', '1,024');
  await expect(widget.getByRole('textbox', { name: 'Width, exact value' })).toHaveValue('1,024');
  const lr = widget.getByRole('slider', { name: /^Learning rate/ });
  await lr.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(lr).toHaveAttribute('aria-valuetext', '1'); // from the default 2

  // Dragging the spread slider changes the value before the button is released, always to a stop.
  const spread = widget.getByRole('slider', { name: 'Cluster spread' });
  const spreadField = widget.getByRole('textbox', { name: 'Cluster spread, exact value' });
  await spread.scrollIntoViewIfNeeded();
  const box = (await spread.boundingBox())!;
  await page.mouse.move(box.x + 4, box.y + box.height / 2);
  await page.mouse.down();
  await expect(spreadField).toHaveValue('0.005');
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2, { steps: 5 });
  const midDrag = await spreadField.inputValue();
  expect(['0.01', '0.02', '0.05', '0.1']).toContain(midDrag);
  await page.mouse.up();
  await expect(spreadField).toHaveValue(midDrag);

  // Typing: text that is not a number gets the schema's message and keeps the value; a number commits.
  const noise = widget.getByRole('textbox', { name: 'Label noise, exact value' });
  await noise.fill('abc');
  await noise.press('Enter');
  await expect(widget.getByText('noise = "abc" is not a number; keeping 0.1')).toBeVisible();
  await expect(noise).toHaveValue('0.1');
  await expect(noise).toHaveAttribute('aria-invalid', 'true');
  await noise.fill('0.37');
  await noise.press('Tab'); // leaving the field commits too
  await expect(widget.getByRole('slider', { name: 'Label noise' })).toHaveAttribute('aria-valuetext', '0.37');
  await expect(widget.getByText(/is not a number/)).toHaveCount(0);

  await widget.getByRole('button', { name: 'Copy link' }).click();
  await expect(widget.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  expect(link.hash).toBe('#widget-data-geometry');
  expect(Object.fromEntries(link.searchParams)).toEqual({
    'data-geometry.width': '1024',
    'data-geometry.lr': '1',
    'data-geometry.spread': midDrag,
    'data-geometry.noise': '0.37',
  });

  // The link, opened afresh (on the CPU backend, to spare the test machine) where the widgets above
  // could move it: a second after the essay mounts, a widget far above grows by 3000 px, as a
  // lazily loaded widget does when it mounts.
  const reader = await context.newPage();
  const readerErrors = collectErrors(reader);
  await withoutScrollAnchoring(reader);
  await reader.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () =>
      setTimeout(() => document.querySelector<HTMLElement>('#widget-tangent-features')?.style.setProperty('min-height', '3000px'), 1000),
    );
  });
  const opened = new URL(link);
  opened.searchParams.set('backend', 'cpu');
  await reader.goto(opened.href);
  const landed = reader.locator('#widget-data-geometry');
  await expect(landed.getByRole('slider', { name: 'Width', includeHidden: true })).toHaveAttribute('aria-valuetext', '1,024', READY);
  await expect.poll(() => reader.locator('#widget-tangent-features').evaluate((el: HTMLElement) => el.style.minHeight)).toBe('3000px');
  await expect(landed.getByRole('textbox', { name: 'Label noise, exact value' })).toHaveValue('0.37');
  await expect(landed.getByRole('textbox', { name: 'Cluster spread, exact value' })).toHaveValue(midDrag);
  await reader.waitForTimeout(500);
  const top = await topOf(landed);
  expect(top).toBeGreaterThanOrEqual(0);
  expect(top).toBeLessThan(120); // just under the sticky header
  expect([...errors, ...readerErrors]).toEqual([]);
  await context.close();
});

test('a reload keeps the reading position, although the widgets above it are placeholders again', async ({ page }) => {
  const errors = collectErrors(page);
  await withoutScrollAnchoring(page);
  await page.goto(`${SITE}/?backend=cpu#widget-frozen-kernel-dynamics`);
  const slot = page.locator('#widget-frozen-kernel-dynamics');
  await expect(slot.locator('section.widget')).toBeVisible(READY);
  // Read on to the first paragraph more than 1000 px below the grown widget (too far above for it
  // to load again after the reload), placed 200 px below the top of the window.
  const paragraphs = page.locator('.essay .chapter > p');
  const index = await paragraphs.evaluateAll((all) => {
    const widgetBottom = document.querySelector('#widget-frozen-kernel-dynamics')!.getBoundingClientRect().bottom;
    return all.findIndex((p) => p.getBoundingClientRect().top > widgetBottom + 1000);
  });
  const paragraph = paragraphs.nth(index);
  await page.mouse.wheel(0, 40); // the reader's own scrolling ends the landing's hold
  // Scrolled until it stays there: the wheel's scroll and widgets mounting nearby may still move it.
  await expect
    .poll(async () => {
      await paragraph.evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - 200));
      await page.waitForTimeout(300);
      return Math.round(await topOf(paragraph));
    })
    .toBe(200);
  const before = await topOf(paragraph);
  const grown = (await slot.boundingBox())!.height;

  await page.reload();
  await expect.poll(() => topOf(paragraph)).toBeCloseTo(before, 0);
  // The widget above is a placeholder again, far shorter than it was: a restored pixel offset would
  // have put the paragraph that much too high on the page.
  await expect(slot.locator('section.widget')).toHaveCount(0);
  expect(grown - (await slot.boundingBox())!.height).toBeGreaterThan(400);
  await page.waitForTimeout(1000);
  expect(Math.abs((await topOf(paragraph)) - before)).toBeLessThan(2);
  expect(errors).toEqual([]);
});

test('Back after following a citation returns to where the reader was', async ({ page }) => {
  await page.goto(`${SITE}/`);
  await page.waitForLoadState('load');
  const cite = page.locator('#frozen-kernel a.cite').first();
  await cite.scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => scrollY);
  const citeTop = await topOf(cite);
  await cite.click();
  await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(before + 1000);
  await page.goBack();
  // Where the citation was on screen, though the live widgets above may have changed height meanwhile.
  await expect.poll(async () => Math.abs((await topOf(cite)) - citeTop)).toBeLessThan(2);
});

test('where copying is refused, the link is shown selected with a message, and nothing is thrown', async ({ page }) => {
  const errors = collectErrors(page);
  await page.addInitScript(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
  });
  await page.goto(`${SITE}/?backend=cpu#widget-kernel-explorer`);
  const widget = page.locator('#widget-kernel-explorer');
  await widget.getByRole('button', { name: 'Copy link' }).click();
  const field = widget.getByRole('textbox', { name: 'Link to this widget with its settings' });
  await expect(field).toBeFocused();
  const link = await field.inputValue();
  expect(link).toMatch(/\/#widget-kernel-explorer$/);
  expect(await field.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([0, link.length]);
  await expect(widget.getByRole('status').filter({ hasText: 'did not allow copying' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('citations and equation references preview their target on hover and on focus; Escape and leaving dismiss it', async ({ page }) => {
  await page.goto(`${SITE}/#frozen-kernel`);
  const preview = page.getByRole('tooltip');
  const cite = page.locator('#frozen-kernel a.cite', { hasText: 'Jacot et al., 2018' }).first();
  await cite.hover();
  await expect(preview).toBeVisible();
  await expect(preview).toContainText('Jacot, Gabriel, Hongler (2018). Neural tangent kernel');
  await expect(cite).toHaveAttribute('aria-describedby', (await preview.getAttribute('id'))!);
  // The pointer may move onto the preview without losing it, and leaving both hides it.
  await preview.hover();
  await page.waitForTimeout(400);
  await expect(preview).toBeVisible();
  await page.mouse.move(5, 500);
  await expect(preview).toBeHidden();
  await expect(cite).not.toHaveAttribute('aria-describedby');

  const eqref = page.locator('#frozen-kernel a.eqref').first();
  const label = (await eqref.textContent())!;
  await eqref.focus();
  await expect(preview).toBeVisible();
  await expect(preview).toContainText(label);
  // The same typeset equation as the one the link points at.
  const target = page.locator((await eqref.getAttribute('href'))!);
  expect(await preview.locator('.katex-display annotation').textContent()).toBe(await target.locator('annotation').textContent());
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();
  expect(new URL(page.url()).hash).toBe('#frozen-kernel');
});

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });

  test('the first tap on a citation shows its preview, the second follows it', async ({ page }) => {
    await page.goto(`${SITE}/#frozen-kernel`);
    const cite = page.locator('#frozen-kernel a.cite', { hasText: 'Lee et al., 2019' }).first();
    await cite.tap();
    await expect(page.getByRole('tooltip')).toContainText('Lee');
    expect(new URL(page.url()).hash).toBe('#frozen-kernel');
    await cite.tap();
    await expect.poll(() => new URL(page.url()).hash).toBe('#ref-lee2019');
    await expect(page.getByRole('tooltip')).toBeHidden();
  });
});
