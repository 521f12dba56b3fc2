import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator } from '@playwright/test';
import { siteFolder, watch, writeFile } from './embedSites';
import { serveFolder, type StaticServer } from './staticServer';

/**
 * Documentation sites built by real generators from README.md's recipes: MkDocs (Debian's `mkdocs`)
 * with dist/ copied to docs/ntk/ and the recipe's HTML pasted into docs/week5.md, which MkDocs serves
 * from its own folder week5/ (the path rule); and Sphinx with MyST Markdown (Debian's `python3-sphinx`,
 * `python3-myst-parser`) with dist/ in _static/ntk/ and the recipe in chapters/week5.md. Sphinx's
 * own theme, not Furo: Debian's furo package throws on every page by itself (its furo.js is module
 * source loaded as a classic script, and it links normalize.css at /javascript/), which would hide
 * what the widget does; and VitePress (npm `vitepress`, a devDependency) with dist/ in
 * docs/public/ntk/, the recipe's config.mjs and its element in docs/week5.md, reached by the site's
 * client-side navigation. .ci/run installs the Debian tools.
 */
const README = fs.readFileSync(path.resolve('README.md'), 'utf8');

/** The first ```html (or `language`) block after the paragraph that starts with `**<name>**` in the README's recipes. */
function recipe(name: string, language = 'html'): string {
  const start = README.indexOf(`**${name}**`);
  expect(start, `README.md has no **${name}** recipe`).toBeGreaterThan(0);
  const block = new RegExp(`\`\`\`${language}\n([\\s\\S]*?)\`\`\``).exec(README.slice(start));
  return block![1];
}

/** The recipe's drift widget starts on WASM (its `backend` attribute) and trains when Train is pressed. */
async function trainsOnWasm(drift: Locator): Promise<void> {
  await expect(drift.getByTitle('tfjs backend that trains this widget')).toHaveText('WASM', { timeout: 60_000 });
  const train = drift.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled({ timeout: 60_000 });
  await train.click();
  await expect.poll(async () => Number(await drift.getByRole('group', { name: 'Training controls' }).locator('output').textContent()), { timeout: 60_000 }).toBeGreaterThan(0);
}

test.describe('MkDocs', () => {
  let folder: string;
  let server: StaticServer;

  test.beforeAll(async () => {
    folder = siteFolder(
      {
        // The default theme's highlight.js comes from a CDN; the site is tested offline.
        'mkdocs.yml': 'site_name: Machine learning, week 5\ntheme:\n  name: mkdocs\n  highlightjs: false\nnav:\n  - index.md\n  - week5.md\n',
        'docs/index.md': '# Machine learning\n\nSee [week 5](week5.md).\n',
        'docs/week5.md': `# Week 5: wide networks\n\nWatch the kernel move less as the network gets wider.\n\n${recipe('MkDocs')}\nThen try another width.\n`,
      },
      ['docs/ntk'],
    );
    execFileSync('mkdocs', ['build', '--quiet', '--site-dir', 'site'], { cwd: folder, stdio: 'pipe' });
    server = await serveFolder(path.join(folder, 'site'));
  });

  test.afterAll(async () => {
    await server?.close();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  test('MkDocs: the recipe’s widget, on a page served from its own folder, trains', async ({ context, page }) => {
    const version = execFileSync('mkdocs', ['--version'], { encoding: 'utf8' });
    test.info().annotations.push({ type: 'tool', description: version.trim() });
    const problems = await watch(context, [server.origin]);
    await page.goto(`${server.origin}/week5/`);
    await expect(page.getByRole('heading', { name: 'Week 5: wide networks' })).toBeVisible();
    await trainsOnWasm(page.locator('ntk-drift'));
    expect(problems).toEqual({ pageErrors: [], consoleErrors: [], foreign: [] });
  });

  test('MkDocs: the path rule — the same snippet without `../` finds nothing on that page', async ({ context, page }) => {
    const wrong = recipe('MkDocs').replace('../ntk/', 'ntk/');
    writeFile(folder, 'docs/wrong.md', `# Wrong path\n\n${wrong}\n`);
    execFileSync('mkdocs', ['build', '--quiet', '--site-dir', 'site'], { cwd: folder, stdio: 'pipe' });
    const problems = await watch(context, [server.origin]);
    await page.goto(`${server.origin}/wrong/`);
    await expect(page.locator('ntk-drift')).toHaveText('Loading the widget…');
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => customElements.get('ntk-drift'))).toBeUndefined();
    expect(problems.pageErrors).toEqual([]);
    for (const message of problems.consoleErrors) expect(message).toMatch(/404/);
  });
});

test.describe('Sphinx', () => {
  let folder: string;
  let server: StaticServer;

  test.beforeAll(async () => {
    folder = siteFolder(
      {
        'conf.py': "project = 'Machine learning'\nextensions = ['myst_parser']\nhtml_static_path = ['_static']\n",
        'index.md': '# Machine learning\n\n```{toctree}\nchapters/week5\n```\n',
        'chapters/week5.md': `# Week 5: wide networks\n\nWatch the kernel move less as the network gets wider.\n\n${recipe('Sphinx, Jupyter Book.')}\nThen try another width.\n`,
      },
      ['_static/ntk'],
    );
    execFileSync('sphinx-build', ['-b', 'html', '-q', '.', '_build'], { cwd: folder, stdio: 'pipe' });
    server = await serveFolder(path.join(folder, '_build'));
  });

  test.afterAll(async () => {
    await server?.close();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  test('Sphinx with MyST: the recipe’s widget, on a page one folder down, trains', async ({ context, page }) => {
    const version = execFileSync('sphinx-build', ['--version'], { encoding: 'utf8' });
    test.info().annotations.push({ type: 'tool', description: version.trim() });
    const problems = await watch(context, [server.origin]);
    await page.goto(`${server.origin}/chapters/week5.html`);
    await expect(page.getByRole('heading', { name: /^Week 5: wide networks/ })).toBeVisible();
    await trainsOnWasm(page.locator('ntk-drift'));
    expect(problems).toEqual({ pageErrors: [], consoleErrors: [], foreign: [] });
  });
});

test.describe('VitePress', () => {
  let folder: string;
  let server: StaticServer;

  test.beforeAll(async () => {
    folder = siteFolder(
      {
        'docs/.vitepress/config.mjs': recipe('VitePress.', 'js'),
        'docs/index.md': '# Machine learning\n\nSee [week 5](week5.md).\n',
        'docs/week5.md': `# Week 5: wide networks\n\nWatch the kernel move less as the network gets wider.\n\n${recipe('VitePress.')}\nThen try another width.\n`,
      },
      ['docs/public/ntk'],
    );
    // As in a docs project with vitepress installed: its imports (vue, …) resolve from node_modules.
    fs.symlinkSync(path.resolve('node_modules'), path.join(folder, 'node_modules'), 'dir');
    execFileSync(path.resolve('node_modules/.bin/vitepress'), ['build', 'docs'], { cwd: folder, stdio: 'pipe' });
    server = await serveFolder(path.join(folder, 'docs/.vitepress/dist'));
  });

  test.afterAll(async () => {
    await server?.close();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  test('VitePress: the recipe’s widget trains on its page, also reached by the site’s client-side navigation', async ({ context, page }) => {
    const { version } = JSON.parse(fs.readFileSync(path.resolve('node_modules/vitepress/package.json'), 'utf8')) as { version: string };
    test.info().annotations.push({ type: 'tool', description: `vitepress ${version}` });
    const problems = await watch(context, [server.origin]);
    await page.goto(`${server.origin}/`);
    await page.getByRole('link', { name: 'week 5' }).click();
    await expect(page.getByRole('heading', { name: /^Week 5: wide networks/ })).toBeVisible();
    // The router swapped the page in place: no load of week5.html of its own.
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').map((e) => new URL(e.name).pathname))).toEqual(['/']);
    await trainsOnWasm(page.locator('ntk-drift'));
    expect(problems).toEqual({ pageErrors: [], consoleErrors: [], foreign: [] });
  });
});
