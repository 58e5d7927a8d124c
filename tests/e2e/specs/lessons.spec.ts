// Guided lessons: a class follows one lesson to the end in English and one in
// Japanese, editing the design as the steps ask; the checklist follows every
// edit; "show solution" is one undo step and "reset step" puts the start
// back; progress survives a reload; lessons open from a file and a link; the
// panel has no serious or critical accessibility violations, and presentation
// mode shows the step large.
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { CanvasEditor } from '../pages/canvas-editor';
import { LessonPanel } from '../pages/lesson-panel';
import { Planner } from '../pages/planner';

test.use({ viewport: { width: 1400, height: 1000 } });

async function seriousViolations(page: Page, include: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include(include).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test.describe('in English', () => {
  test.use({ locale: 'en-US' });

  test('a class follows the peering lesson to the end', async ({ page }, testInfo) => {
    const planner = new Planner(page);
    const editor = new CanvasEditor(page);
    const lesson = new LessonPanel(page);
    await planner.open();
    await lesson.open('peering-basics');

    // Step 1: draw the peering.
    await lesson.expectStep(0, 'Draw the peering');
    await expect(lesson.counter).toHaveText('Step 1 of 2');
    await expect(lesson.instruction).toContainText('Draw a VPC peering from VPC A');
    expect(await lesson.met()).toEqual([false, false, false]);
    await lesson.expectNotDone();
    await expect(lesson.previousButton).toBeDisabled();
    expect(await seriousViolations(page, 'section.lesson-panel')).toEqual([]);

    // Hints come one at a time, the gentlest first.
    await expect(lesson.hints).toHaveCount(0);
    await lesson.hintButton.click();
    await expect(lesson.hints).toHaveText(['Choose the link tool, press on VPC A and release on VPC B.']);
    await lesson.hintButton.click();
    await expect(lesson.hints).toHaveCount(2);
    await expect(lesson.hintButton).toHaveCount(0);

    await editor.drawLink(editor.node('vpc-a'), editor.node('vpc-b'));
    await editor.choose('peering');
    await lesson.expectDone();
    expect(await lesson.met()).toEqual([true, true, true]);
    await expect(lesson.success.locator('.lesson-explanation')).not.toBeEmpty();
    const sources = lesson.success.locator('.lesson-references a');
    await expect(sources.first()).toHaveAttribute('href', /^https:\/\/docs\.aws\.amazon\.com\//);
    expect(await seriousViolations(page, 'section.lesson-panel')).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('lesson-step-1-done.png') });

    // Step 2 starts from its own design: VPC B's subnet uses a table the
    // peering leaves out.
    await lesson.next();
    await lesson.expectStep(1, 'Routes on both sides');
    await expect(lesson.counter).toHaveText('Step 2 of 2');
    // The new step shows from its top, its title focused for a screen reader.
    await expect(lesson.heading).toBeFocused();
    expect(await lesson.root.evaluate((panel) => panel.scrollTop)).toBe(0);
    await lesson.expectNotDone();
    await expect(lesson.hints).toHaveCount(0);
    expect((await lesson.met())[0]).toBe(false);
    await expect(planner.validation.root).toContainText('PEER-007');

    // "Zoom to" selects what the step is about and brings it close.
    const before = await editor.viewport();
    await lesson.zoomButton.click();
    await expect(editor.node('vpc-b')).toHaveClass(/selected/);
    await expect.poll(async () => (await editor.viewport()).zoom).not.toBe(before.zoom);

    await editor.select(editor.node('vpc-b'));
    await editor.routeTable('rtb-b').getByRole('checkbox', { name: /^B 1a / }).check();
    await lesson.expectDone();
    await expect(lesson.success).toContainText('You have finished the lesson.');
    await expect(lesson.nextButton).toBeDisabled();
    await page.screenshot({ path: testInfo.outputPath('lesson-finished.png') });

    // The browser remembers the lesson and the step; the design is the autosave.
    await page.reload();
    await lesson.expectStep(1, 'Routes on both sides');
    await lesson.expectDone();

    // Closed, it stays closed after a reload; opened again, it resumes.
    await lesson.closeButton.click();
    await expect(lesson.root).toHaveCount(0);
    await page.reload();
    await expect(planner.header).toBeVisible();
    await expect(lesson.root).toHaveCount(0);
    await lesson.open('peering-basics');
    await lesson.expectStep(1, 'Routes on both sides');
    expect(planner.consoleErrors).toEqual([]);
  });

  test('"show solution" is one undo step and "reset step" puts the start back', async ({ page }) => {
    const planner = new Planner(page);
    const editor = new CanvasEditor(page);
    const lesson = new LessonPanel(page);
    await planner.open();
    await lesson.open('peering-not-transitive');
    await lesson.expectStep(0, 'Peer B with C, then ask A → C');
    await lesson.expectNotDone();
    const start = await editor.savedText();

    await lesson.solutionButton.click();
    await lesson.expectDone();
    await editor.undo();
    await lesson.expectNotDone();
    await expect.poll(() => editor.savedText()).toBe(start);
    await editor.redoButton.click();
    await lesson.expectDone();

    await lesson.resetButton.click();
    await lesson.expectNotDone();
    await expect.poll(() => editor.savedText()).toBe(start);
    expect(planner.consoleErrors).toEqual([]);
  });

  test('a lesson opens from a file and from a lesson link', async ({ page }) => {
    const planner = new Planner(page);
    const lesson = new LessonPanel(page);
    await planner.open();
    const file = new URL('../../../lessons/05-gateway-endpoint-s3.json', import.meta.url);
    await page.locator('.design-bar input[type="file"]').setInputFiles({
      name: 'my-lesson.json',
      mimeType: 'application/json',
      buffer: readFileSync(file),
    });
    await expect(lesson.root).toHaveAttribute('data-lesson', 'gateway-endpoint-s3');
    await expect(lesson.root).toHaveAttribute('data-step', '0');
    await expect(page.locator('.notice')).toContainText('Opened my-lesson.json');
    // A lesson from a file has no link to share; it reopens after a reload.
    await expect(lesson.shareButton).toHaveCount(0);
    await page.reload();
    await expect(lesson.root).toHaveAttribute('data-lesson', 'gateway-endpoint-s3');

    // A lesson link opens the lesson it names, from a new page.
    await lesson.closeButton.click();
    await page.goto('about:blank');
    await page.goto('/#lesson=peering-basics');
    await expect(lesson.root).toHaveAttribute('data-lesson', 'peering-basics');
    await expect(page).toHaveURL(/\/$/);
    await lesson.shareButton.click();
    await expect(page.locator('input.share-url')).toHaveValue(/#lesson=peering-basics$/);

    await page.goto('about:blank');
    await page.goto('/#lesson=no-such-lesson');
    await expect(page.locator('.notice.error')).toContainText('no-such-lesson');
    expect(planner.consoleErrors).toEqual([]);
  });
});

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('a class follows the Systems Manager endpoint lesson to the end', async ({ page }, testInfo) => {
    const planner = new Planner(page);
    const editor = new CanvasEditor(page);
    const lesson = new LessonPanel(page);
    await planner.open();
    await expect(planner.languageButton('日本語')).toHaveAttribute('aria-pressed', 'true');
    await lesson.open('interface-endpoint-ssm');

    // Step 1: the service from the palette, and the endpoint to it.
    await lesson.expectStep(0, 'エンドポイントを追加する');
    await expect(lesson.counter).toHaveText('ステップ1/4');
    await lesson.expectNotDone();
    await lesson.hintButton.click();
    await expect(lesson.hints.first()).toContainText('ssm');
    const canvas = await editor.drawing.boundingBox();
    if (!canvas) throw new Error('canvas not shown');
    await editor.place('aws:ssm', canvas.width - 70, 50);
    await editor.drawLink(editor.node('vpc-app'), editor.nodes.nth(1));
    await editor.choose('interface-endpoint');
    await lesson.expectDone();
    await expect(lesson.success.locator('h3')).toHaveText('ステップ完了');
    expect(await seriousViolations(page, 'section.lesson-panel')).toEqual([]);

    // Step 2: one subnet per Availability Zone.
    await lesson.next();
    await lesson.expectStep(1, 'アベイラビリティーゾーンごとに1つのサブネット');
    await lesson.expectNotDone();
    const endpoint = editor.linkOf('interface-endpoint');
    await editor.selectLink(endpoint);
    await editor.inspector.getByRole('group', { name: 'サブネット' }).getByRole('checkbox', { name: /^batch 1a / }).uncheck();
    await lesson.expectDone();

    // Step 3: the endpoint's security group admits TCP 443.
    await lesson.next();
    await lesson.expectStep(2, 'ポート443');
    await lesson.expectNotDone();
    await editor.selectLink(endpoint);
    const groups = editor.inspector.getByRole('group', { name: 'セキュリティグループ' });
    await expect(groups).toContainText('VPCのデフォルトのセキュリティグループ');
    await groups.getByRole('checkbox', { name: 'vpc-endpoints-https (sg-vpce-https)' }).check();
    await lesson.expectDone();

    // Step 4: the VPC's DNS hostnames for private DNS.
    await lesson.next();
    await lesson.expectStep(3, 'プライベートDNSとVPCのDNS属性');
    await lesson.expectNotDone();
    await editor.select(editor.node('vpc-app'));
    const dns = editor.inspector.getByRole('group', { name: 'DNS属性' });
    await expect(dns.getByRole('checkbox', { name: 'DNS解決(enableDnsSupport)' })).toBeChecked();
    await dns.getByRole('checkbox', { name: 'DNSホスト名(enableDnsHostnames)' }).check();
    await lesson.expectDone();
    await expect(lesson.success).toContainText('レッスンを完了しました。');
    await expect.poll(async () => (await editor.savedDesign()).vpcs[0].dns_hostnames).toBe(true);
    await page.screenshot({ path: testInfo.outputPath('lesson-ja-finished.png') });
    expect(await seriousViolations(page, 'section.lesson-panel')).toEqual([]);

    // Presentation mode keeps the lesson beside the drawing, in large type.
    const size = () => lesson.heading.evaluate((heading) => parseFloat(getComputedStyle(heading).fontSize));
    const normal = await size();
    await planner.presentationToggle.click();
    await expect(planner.sidePanel).toBeHidden();
    await expect(lesson.root).toBeVisible();
    expect(await size()).toBeGreaterThan(normal * 1.2);
    expect(await seriousViolations(page, 'section.lesson-panel')).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('lesson-ja-presentation.png') });
    expect(planner.consoleErrors).toEqual([]);
  });
});

test('the lesson panel has no serious or critical violations in the dark theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const planner = new Planner(page);
  const lesson = new LessonPanel(page);
  await planner.open();
  await lesson.open('overlapping-cidrs');
  await lesson.hintButton.click();
  expect(await seriousViolations(page, 'section.lesson-panel')).toEqual([]);
  await lesson.solutionButton.click();
  await lesson.expectDone();
  expect(await seriousViolations(page, 'section.lesson-panel')).toEqual([]);
  expect(await seriousViolations(page, '.samples-menu')).toEqual([]);
});
