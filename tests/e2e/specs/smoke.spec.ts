// The release build loads cleanly and the shell works in both languages.
import { expect, test } from '@playwright/test';
import { Planner } from '../pages/planner';

test.use({ locale: 'en-US' });

test('the shell loads without console errors and shows the comparison matrix', async ({ page }, testInfo) => {
  const planner = new Planner(page);
  await planner.open();

  await expect(planner.header.getByRole('heading', { level: 1 })).toHaveText('vpcplan');
  await expect(planner.canvas).toBeVisible();
  await expect(planner.sidePanel).toBeVisible();
  await expect(planner.matrix.locator('thead th')).toHaveText([
    'Aspect',
    'VPC peering',
    'PrivateLink (interface endpoint)',
    'PrivateLink (gateway endpoint)',
  ]);
  await expect(planner.matrix.locator('tbody tr')).toHaveCount(8);
  await expect(planner.matrix.locator('td[data-status="changed"]').first()).toBeVisible();
  await expect(page.locator('.boot-message')).toHaveCount(0);

  await page.screenshot({ path: testInfo.outputPath('shell-en.png'), fullPage: true });
  expect(planner.consoleErrors).toEqual([]);
});

test('the language switch changes the visible text and is remembered', async ({ page }, testInfo) => {
  const planner = new Planner(page);
  await planner.open();
  const heading = planner.matrixHeading;
  await expect(heading).toHaveText('Three ways to connect VPCs privately');

  await planner.switchLanguage('日本語');
  await expect(heading).toHaveText('VPCをプライベートに接続する3つの方法');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(planner.matrix.locator('tbody th').first()).toHaveText('利用シーン');
  await page.screenshot({ path: testInfo.outputPath('shell-ja.png'), fullPage: true });

  await page.reload();
  await expect(heading).toHaveText('VPCをプライベートに接続する3つの方法');
  await planner.switchLanguage('English');
  await expect(heading).toHaveText('Three ways to connect VPCs privately');
  expect(planner.consoleErrors).toEqual([]);
});

test.describe('with a Japanese browser', () => {
  test.use({ locale: 'ja-JP' });

  test('the planner starts in Japanese', async ({ page }) => {
    const planner = new Planner(page);
    await planner.open();
    await expect(planner.languageButton('日本語')).toHaveAttribute('aria-pressed', 'true');
    await expect(planner.header.locator('.tagline')).toHaveText('AWS VPC間プライベート接続の設計プランナー');
  });
});
