// Journeys on the canvas editor, against the release build: drawing the
// article's example, the rules reacting to edits, undo, endpoints and the
// link chooser's reasons, autosave, Japanese, keyboard only, share links.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { CanvasEditor } from '../pages/canvas-editor';
import { Planner } from '../pages/planner';

test.use({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });

/** Draws the article's example: VPC 172.31.0.0/16 peered with VPC 13.0.0.0/16. */
async function drawArticleExample(page: Page): Promise<CanvasEditor> {
  const editor = new CanvasEditor(page);
  await editor.place('vpc', 60, 80);
  await editor.place('vpc', 520, 80);
  const [a, b] = [editor.nodes.nth(0), editor.nodes.nth(1)];
  await editor.select(a);
  await editor.setField('IPv4 CIDR (primary)', '172.31.0.0/16');
  await expect(a).toContainText('172.31.0.0/16');
  await editor.select(b);
  await editor.setField('IPv4 CIDR (primary)', '13.0.0.0/16');
  await expect(b).toContainText('13.0.0.0/16');
  await editor.drawLink(a, b);
  await expect(editor.option('peering')).toHaveClass(/recommended/);
  await editor.choose('peering');
  await expect(editor.linkOf('peering')).toHaveCount(1);
  return editor;
}

test('the article example is drawn, an overlap is flagged on the link, and undo removes it', async ({ page }, testInfo) => {
  const planner = new Planner(page);
  await planner.open();
  const editor = await drawArticleExample(page);
  await expect(planner.validation.root.locator('.severity-group.error')).toHaveCount(0);
  await expect(editor.links.first()).toHaveAttribute('aria-label', /peering/i);
  await page.screenshot({ path: testInfo.outputPath('article-example.png'), fullPage: true });

  await editor.select(editor.nodes.nth(1));
  await editor.setField('IPv4 CIDR (primary)', '172.31.0.0/16');
  await expect(planner.validation.root.locator('.severity-group.error')).toBeVisible();
  await expect(editor.linkOf('peering')).toHaveClass(/error/);
  await expect(editor.nodes.nth(1)).toHaveClass(/error/);
  // Choosing the diagnostic selects what it is about on the canvas.
  await editor.drawing.click({ position: { x: 5, y: 400 } });
  await expect(editor.drawing.locator('.selected')).toHaveCount(0);
  await planner.validation.root.locator('.diagnostic-summary').first().click();
  await expect(editor.nodes.nth(0)).toHaveClass(/selected/);
  await expect(editor.nodes.nth(1)).toHaveClass(/selected/);
  await page.screenshot({ path: testInfo.outputPath('overlap.png'), fullPage: true });

  await editor.undo();
  await expect(planner.validation.root.locator('.severity-group.error')).toHaveCount(0);
  await expect(editor.linkOf('peering')).not.toHaveClass(/error/);
  await expect(editor.nodes.nth(1)).toContainText('13.0.0.0/16');
  expect(planner.consoleErrors).toEqual([]);
});

test('a bad CIDR is flagged next to its field and not applied', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  const editor = new CanvasEditor(page);
  await editor.place('vpc', 60, 80);
  await editor.select(editor.nodes.first());
  const before = await editor.nodes.first().textContent();
  await editor.setField('IPv4 CIDR (primary)', '10.0.0.0/33');
  const field = editor.inspector.locator('label.field.invalid');
  await expect(field).toHaveCount(1);
  await expect(field.locator('.field-error')).toContainText('10.0.0.0/33');
  await expect(editor.nodes.first()).toHaveText(before ?? '');
});

test('an S3 gateway endpoint is offered; a gateway endpoint to SQS is disabled with the reason', async ({ page }, testInfo) => {
  const planner = new Planner(page);
  await planner.open();
  const editor = new CanvasEditor(page);
  await editor.place('vpc', 60, 80);
  await editor.place('aws:s3', 560, 60);
  await editor.drawLink(editor.nodes.nth(0), editor.nodes.nth(1));
  await expect(editor.option('gateway-endpoint').locator('button')).toBeEnabled();
  await editor.choose('gateway-endpoint');
  await expect(editor.linkOf('gateway-endpoint')).toHaveCount(1);

  await editor.place('aws:sqs', 560, 300);
  await editor.drawLink(editor.nodes.nth(0), editor.nodes.nth(2));
  const gateway = editor.option('gateway-endpoint');
  await expect(gateway.locator('button')).toBeDisabled();
  await expect(gateway).toContainText('Gateway endpoints exist only for Amazon S3, DynamoDB and S3 Express');
  await expect(editor.option('interface-endpoint').locator('button')).toBeEnabled();
  await page.screenshot({ path: testInfo.outputPath('sqs-chooser.png'), fullPage: true });
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await editor.choose('interface-endpoint');
  await expect(editor.linkOf('interface-endpoint')).toHaveCount(1);
  expect(planner.consoleErrors).toEqual([]);
});

test('the design is autosaved and back after a reload, and speaks Japanese', async ({ page }, testInfo) => {
  const planner = new Planner(page);
  await planner.open();
  const editor = await drawArticleExample(page);
  await page.reload();
  await expect(editor.nodes).toHaveCount(2);
  await expect(editor.linkOf('peering')).toHaveCount(1);
  await expect(editor.nodes.nth(0)).toContainText('172.31.0.0/16');

  await planner.switchLanguage('日本語');
  await expect(editor.palette.locator('h2')).toHaveText('パレット');
  await expect(editor.undoButton).toHaveText('元に戻す');
  await expect(editor.linkOf('peering')).toHaveAttribute('aria-label', /ピアリング/);
  await editor.select(editor.nodes.nth(1));
  await editor.setField('IPv4 CIDR (プライマリ)', '172.31.0.0/16');
  const error = planner.validation.root.locator('.severity-group.error .message').first();
  await expect(error).toBeVisible();
  await expect(error).toHaveText(/[\u3040-\u30ff\u4e00-\u9fff]/);
  await page.screenshot({ path: testInfo.outputPath('japanese.png'), fullPage: true });
  expect(planner.consoleErrors).toEqual([]);
});

test('the autosave waits for the frame, and a page hidden or left before it still saves', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  const editor = new CanvasEditor(page);
  await editor.place('vpc', 60, 80);
  await expect.poll(() => editor.storedText()).toContain('"vpcs"');
  await editor.drawing.click({ position: { x: 700, y: 600 } });
  const name = editor.inspector.getByLabel('Design name', { exact: true });

  // Renamed and then, before the autosave ran, hidden or left: what is
  // stored right after the event has the new name.
  const renameThen = (title: string, leave: 'pagehide' | 'visibilitychange') =>
    name.evaluate(
      async (input, [title, leave]) => {
        const stored = () => JSON.parse(localStorage.getItem('vpcplan.design') ?? '{}').design.name as string;
        (input as HTMLInputElement).value = title;
        input.dispatchEvent(new Event('change', { bubbles: true }));
        // The change is rendered and its effects have run; the save waits.
        await new Promise((resolve) => setTimeout(resolve, 0));
        const before = stored();
        if (leave === 'pagehide') {
          window.dispatchEvent(new PageTransitionEvent('pagehide'));
        } else {
          Object.defineProperty(document, 'hidden', { value: true, configurable: true });
          document.dispatchEvent(new Event('visibilitychange'));
          delete (document as { hidden?: boolean }).hidden;
        }
        return { before, after: stored() };
      },
      [title, leave] as const,
    );
  const left = await renameThen('Left in a hurry', 'pagehide');
  expect(left.before).not.toBe('Left in a hurry');
  expect(left.after).toBe('Left in a hurry');
  const hidden = await renameThen('Tab switched away', 'visibilitychange');
  expect(hidden.before).toBe('Left in a hurry');
  expect(hidden.after).toBe('Tab switched away');

  // Without either, the save comes by itself a moment later.
  await editor.setField('Design name', 'Saved in its own time');
  await expect.poll(async () => JSON.parse((await editor.storedText()) ?? '{}').design.name).toBe('Saved in its own time');
  expect(planner.consoleErrors).toEqual([]);
});

test('an unreadable autosave is reported and kept aside; the planner still starts', async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('vpcplan.design', '{"format": "vpcplan-design", "version": 99}');
      sessionStorage.setItem('seeded', '1');
    }
  });
  const planner = new Planner(page);
  await planner.open();
  await expect(page.locator('.notice.warning')).toContainText('newer vpcplan');
  expect(await page.evaluate(() => localStorage.getItem('vpcplan.design.kept-aside'))).toContain('"version": 99');
  const editor = new CanvasEditor(page);
  await editor.place('vpc', 60, 80);
  await expect(editor.nodes).toHaveCount(1);
});

test('a keyboard-only user builds a peering', async ({ page }, testInfo) => {
  const planner = new Planner(page);
  await planner.open();
  const editor = new CanvasEditor(page);
  const vpcEntry = editor.palette.locator('button[data-palette="vpc"]');
  const tabTo = async (target: () => Promise<boolean>) => {
    for (let i = 0; i < 60 && !(await target()); i++) await page.keyboard.press('Tab');
    expect(await target()).toBe(true);
  };
  await tabTo(() => vpcEntry.evaluate((el) => el === document.activeElement));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(editor.nodes).toHaveCount(2);
  await tabTo(() => editor.drawing.evaluate((el) => el === document.activeElement));
  // The VPC placed last keeps the canvas focus; Shift+Tab goes back to the first.
  await expect(editor.nodes.nth(1)).toHaveClass(/focused/);
  await page.keyboard.press('Shift+Tab');
  await expect(editor.nodes.nth(0)).toHaveClass(/focused/);
  await expect(page.locator('.canvas-focus')).toHaveText(/^VPC vpc-1, 10\.0\.0\.0\/16/);
  await page.keyboard.press('l');
  await page.keyboard.press('Tab');
  await expect(editor.nodes.nth(1)).toHaveClass(/link-target/);
  await page.keyboard.press('Enter');
  await expect(editor.chooser).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('keyboard-chooser.png'), fullPage: true });
  await page.keyboard.press('1');
  await expect(editor.linkOf('peering')).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(editor.links).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(editor.linkOf('peering')).toHaveCount(1);
  // Tab visits the nodes, then the link; Enter opens the inspector for it.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  await expect(editor.links.first()).toHaveClass(/focused/);
  await page.keyboard.press('Enter');
  await expect(editor.inspector.locator('input').first()).toBeFocused();
  await expect(page.locator('table.comparison-matrix th.highlighted')).toHaveCount(1);
});

test('a share link opens the same design in a new page as a copy', async ({ page, context }, testInfo) => {
  const planner = new Planner(page);
  await planner.open();
  await drawArticleExample(page);
  await page.locator('button.share-link').click();
  const url = await page.locator('input.share-url').inputValue();
  expect(url).toContain('#design=');
  // The browser's CompressionStream wrote plain raw deflate, which any
  // inflater reads (the native codec's miniz_oxide among them).
  const file = JSON.parse(
    inflateRawSync(Buffer.from(url.split('#design=')[1], 'base64url')).toString('utf8'),
  );
  expect(file.format).toBe('vpcplan-design');
  expect(file.design.vpcs.map((vpc: { ipv4_cidrs: string[] }) => vpc.ipv4_cidrs[0])).toEqual([
    '172.31.0.0/16',
    '13.0.0.0/16',
  ]);

  const other = await context.newPage();
  const editor = new CanvasEditor(other);
  await other.goto(url);
  await expect(editor.nodes).toHaveCount(2);
  await expect(editor.linkOf('peering')).toHaveCount(1);
  await expect(editor.nodes.nth(0)).toContainText('172.31.0.0/16');
  await expect(editor.nodes.nth(1)).toContainText('13.0.0.0/16');
  await expect(other.locator('.notice')).toContainText('shared design as a copy');
  expect(other.url()).not.toContain('#design=');
  await other.screenshot({ path: testInfo.outputPath('shared.png'), fullPage: true });
});

test('the design open before a share link is kept, edits included, and comes back with one click', async ({ page, context }) => {
  const planner = new Planner(page);
  await planner.open();
  const editor = await drawArticleExample(page);
  await page.locator('button.share-link').click();
  const url = await page.locator('input.share-url').inputValue();
  // An edit after the link was made: the autosave now holds three VPCs.
  await editor.place('vpc', 60, 400);
  await expect(editor.nodes).toHaveCount(3);
  expect((await editor.savedDesign()).vpcs).toHaveLength(3);

  const other = await context.newPage();
  const opened = new CanvasEditor(other);
  await other.goto(url);
  await expect(other.locator('.notice')).toContainText('shared design as a copy');
  await expect(opened.nodes).toHaveCount(2);
  await other.locator('.notice button.restore-previous').click();
  await expect(opened.nodes).toHaveCount(3);
});

/**
 * A link written by vpcplan_editor::persist::share_fragment (miniz_oxide)
 * before the planner compressed links with the browser; the editor's tests
 * read it too.
 */
const nativeLink = readFileSync(
  new URL('../../fixtures/share-links/article-peering.miniz.txt', import.meta.url),
  'utf8',
).trim();

test('a share link made by the first, native codec still opens', async ({ page }) => {
  const editor = new CanvasEditor(page);
  await page.goto(`/#${nativeLink}`);
  await expect(editor.nodes).toHaveCount(2);
  await expect(editor.linkOf('peering')).toHaveCount(1);
  await expect(editor.nodes.nth(0)).toContainText('172.31.0.0/16');
  await expect(editor.nodes.nth(1)).toContainText('13.0.0.0/16');
  await expect(page.locator('.notice')).toContainText('shared design as a copy');
});

test('a damaged share link says so and keeps the autosaved design', async ({ page, context }) => {
  const planner = new Planner(page);
  await planner.open();
  await drawArticleExample(page);
  const other = await context.newPage();
  const editor = new CanvasEditor(other);
  // Cut short after 400 characters: the deflate stream ends too early.
  await other.goto(`/#${nativeLink.slice(0, 400)}`);
  await expect(other.locator('.notice.error')).toContainText('The share link could not be opened');
  await expect(editor.nodes).toHaveCount(2);
});

test('palette items and design files can be dropped onto the canvas; a bad file gets a clear error', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  const editor = new CanvasEditor(page);
  const drop = async (kind: 'palette' | 'file', payload: string, name = 'design.json') => {
    await editor.drawing.evaluate(
      (el, { kind, payload, name }) => {
        const data = new DataTransfer();
        if (kind === 'palette') data.setData('application/x-vpcplan-palette', payload);
        else data.items.add(new File([payload], name, { type: 'application/json' }));
        const box = el.getBoundingClientRect();
        el.dispatchEvent(
          new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data, clientX: box.left + 200, clientY: box.top + 150 }),
        );
      },
      { kind, payload, name },
    );
  };
  await drop('palette', 'vpc');
  await expect(editor.nodes).toHaveCount(1);
  await drop('palette', 'aws:dynamodb');
  await expect(editor.nodes).toHaveCount(2);
  const saved = await editor.savedText();
  expect(saved).toContain('dynamodb');

  await drop('file', '{"format": "vpcplan-design", "version": 1, "vpcs": [', 'broken.json');
  await expect(page.locator('.notice.error')).toContainText('broken.json');
  await expect(page.locator('.notice.error')).toContainText(/line \d+/);
  await expect(editor.nodes).toHaveCount(2);

  page.once('dialog', (dialog) => dialog.accept());
  await page.locator('button.new-design').click();
  await expect(editor.nodes).toHaveCount(0);
  await drop('file', saved ?? '', 'mine.vpcplan.json');
  await expect(editor.nodes).toHaveCount(2);
  await expect(page.locator('.notice.info')).toContainText('mine.vpcplan.json');
});
