// Presentation mode for training, and the matrix column highlight.
import { expect, test } from '@playwright/test';
import { Planner } from '../pages/planner';

test.use({ locale: 'en-US' });

test('presentation mode enlarges the type, hides the side panel and is remembered', async ({ page }, testInfo) => {
  const planner = new Planner(page);
  await planner.open();
  await planner.openSample('article-peering');
  const fontSize = () => planner.matrixHeading.evaluate((heading) => parseFloat(getComputedStyle(heading).fontSize));
  const normal = await fontSize();
  await expect(planner.sidePanel).toBeVisible();

  await planner.presentationToggle.click();
  await expect(planner.presentationToggle).toHaveAttribute('aria-pressed', 'true');
  await expect(planner.sidePanel).toBeHidden();
  expect(await fontSize()).toBeGreaterThan(normal * 1.2);
  await page.screenshot({ path: testInfo.outputPath('presentation.png'), fullPage: true });

  await page.reload();
  await expect(planner.presentationToggle).toHaveAttribute('aria-pressed', 'true');
  await expect(planner.sidePanel).toBeHidden();
  await planner.presentationToggle.click();
  await expect(planner.sidePanel).toBeVisible();
  expect(await fontSize()).toBeCloseTo(normal, 1);
  expect(planner.consoleErrors).toEqual([]);
});

test('the matrix highlights the column of the chosen link kind', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await expect(planner.matrix.locator('.highlighted')).toHaveCount(0);

  await planner.highlightColumn('PrivateLink (gateway endpoint)');
  const rows = await planner.matrix.locator('tbody tr').count();
  await expect(planner.matrix.locator('.gateway-endpoint.highlighted')).toHaveCount(1 + rows);
  await expect(planner.matrix.locator('.highlighted')).toHaveCount(1 + rows);

  await planner.highlightColumn('VPC peering');
  await expect(planner.matrix.locator('thead th.peering')).toHaveClass(/highlighted/);
  await expect(planner.matrix.locator('.gateway-endpoint.highlighted')).toHaveCount(0);

  await planner.highlightColumn('None');
  await expect(planner.matrix.locator('.highlighted')).toHaveCount(0);
});
