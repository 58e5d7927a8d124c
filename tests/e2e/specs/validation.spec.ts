// The validation panel: a deliberate mistake is reported with its values, in
// the user's language, and choosing it marks the things involved.
import { expect, test } from '@playwright/test';
import { Planner } from '../pages/planner';

test.use({ locale: 'en-US' });

test('overlapping CIDRs are reported as PEER-001 with the CIDRs, in English then Japanese', async ({ page }, testInfo) => {
  const planner = new Planner(page);
  await planner.open();
  await planner.openSample('mistake-overlapping-cidrs');

  const { validation } = planner;
  await expect(validation.groupHeading('error')).toHaveText('Errors (1)');
  await expect(validation.diagnostic('PEER-001')).toHaveCount(1);
  const message = validation.message('PEER-001');
  await expect(message).toContainText('App VPC');
  await expect(message).toContainText('Analytics VPC');
  await expect(message).toContainText('10.0.0.0/16 ∩ 10.0.128.0/20');
  await expect(validation.fix('PEER-001')).toContainText('Fix:');
  await expect(validation.sourceLink('PEER-001')).toHaveAttribute('href', /^https:\/\/docs\.aws\.amazon\.com\//);

  // Choosing it marks the peering's two VPCs, and only them.
  await expect(planner.designOverview.locator('tr.involved')).toHaveCount(0);
  await validation.choose('PEER-001');
  await expect(planner.vpcRow('vpc-app')).toHaveClass(/involved/);
  await expect(planner.vpcRow('vpc-analytics')).toHaveClass(/involved/);
  await expect(planner.designOverview.locator('tr.involved')).toHaveCount(3); // two VPCs and the link
  await page.screenshot({ path: testInfo.outputPath('validation-en.png'), fullPage: true });

  await planner.switchLanguage('日本語');
  await expect(validation.groupHeading('error')).toHaveText('エラー (1)');
  await expect(message).toContainText('CIDRが重複しています');
  await expect(message).toContainText('10.0.0.0/16 ∩ 10.0.128.0/20');
  await expect(validation.fix('PEER-001')).toContainText('対処:');
  await page.screenshot({ path: testInfo.outputPath('validation-ja.png'), fullPage: true });
  expect(planner.consoleErrors).toEqual([]);
});

test('a clean design says it has no problems, and warnings and notes get their own groups', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await expect(planner.validation.root).toHaveCount(0);

  await planner.openSample('article-peering');
  await expect(planner.validation.noProblems).toHaveText('The design has no problems.');
  await expect(planner.validation.root.locator('li.diagnostic')).toHaveCount(0);

  await planner.openSample('mistake-transitive-peering');
  await expect(planner.validation.groupHeading('error')).toHaveText('Errors (1)');
  await expect(planner.validation.diagnostic('PEER-003')).toBeVisible();
  await expect(planner.validation.group('info').locator('li.diagnostic[data-rule="PEER-017"]')).toBeVisible();
  await expect(planner.validation.noProblems).toHaveCount(0);
  expect(planner.consoleErrors).toEqual([]);
});
