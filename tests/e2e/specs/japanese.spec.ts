// The app in Japanese at a projector's size (1280×800), as a trainer shows
// it: the labels that used to wrap fit on one line, and the validation
// panel, the link chooser, the comparison matrix and the export dialog are
// photographed in Japanese (test-results/…/ja-*.png) for a reader to look at.
import { expect, test, type Locator } from '@playwright/test';
import { CanvasEditor } from '../pages/canvas-editor';
import { Planner } from '../pages/planner';

test.use({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } });

/** How many lines the element's text takes. */
async function lines(element: Locator): Promise<number> {
  return element.evaluate((node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    const tops = new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top)));
    return tops.size;
  });
}

test('the labels that wrapped fit on one line in Japanese', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await planner.switchLanguage('日本語');
  const editor = new CanvasEditor(page);
  const endpointService = editor.palette.locator('button[data-palette="endpoint-service"]');
  await expect(planner.presentationToggle).toHaveText('発表モード');
  await expect(endpointService).toContainText('エンドポイントサービス');
  expect(await lines(planner.presentationToggle)).toBe(1);
  expect(await lines(endpointService)).toBe(1);

  // The measure catches what the issue saw: the old label wraps in the same place.
  await planner.presentationToggle.evaluate((button) => {
    button.textContent = 'プレゼンテーションモード';
  });
  expect(await lines(planner.presentationToggle)).toBeGreaterThan(1);
  expect(planner.consoleErrors).toEqual([]);
});

test('the validation panel, the link chooser, the matrix and the export dialog in Japanese', async ({ page }, testInfo) => {
  const planner = new Planner(page);
  await planner.open();

  // The validation panel on a deliberate mistake, its diagnostic chosen.
  await planner.openSample('mistake-overlapping-cidrs');
  await planner.switchLanguage('日本語');
  await expect(planner.validation.groupHeading('error')).toHaveText('エラー(1)');
  await expect(planner.validation.fix('PEER-001')).toContainText('対処:');
  await planner.validation.choose('PEER-001');
  await planner.validation.root.screenshot({ path: testInfo.outputPath('ja-validation.png') });

  // The export dialog on the same design: the errors, said conditionally.
  const dialog = await planner.openExport();
  await expect(dialog.root).toContainText('次のエラーのため、このテンプレートはAWSに拒否されるか、設計どおりに動作しない可能性があります。');
  await dialog.root.screenshot({ path: testInfo.outputPath('ja-export.png') });
  await dialog.closeButton.click();

  // The comparison matrix, with the note on the gateway endpoint column.
  await expect(planner.matrix).toContainText('利用シーン');
  await expect(page.locator('section.matrix-section')).toContainText('AWS PrivateLinkを使用しない');
  await planner.matrix.scrollIntoViewIfNeeded();
  await page.locator('section.matrix-section').screenshot({ path: testInfo.outputPath('ja-matrix.png') });

  // The link chooser between a VPC and Amazon S3 (the nodes are placed in
  // English, where the palette's search is labelled so).
  await planner.switchLanguage('English');
  const editor = new CanvasEditor(page);
  await editor.place('vpc', 60, 420);
  await editor.place('aws:s3', 560, 420);
  await planner.switchLanguage('日本語');
  const count = await editor.nodes.count();
  await editor.drawLink(editor.nodes.nth(count - 2), editor.nodes.nth(count - 1));
  await expect(editor.chooser).toContainText('PrivateLink(ゲートウェイ型)');
  await editor.chooser.screenshot({ path: testInfo.outputPath('ja-link-chooser.png') });
  await page.screenshot({ path: testInfo.outputPath('ja-page.png') });
  expect(planner.consoleErrors).toEqual([]);
});
