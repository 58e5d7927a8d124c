// The reachability view: a path hop by hop, a "why not" with its rule, and
// the all-pairs table.
import { expect, test } from '@playwright/test';
import { Planner } from '../pages/planner';

test.use({ locale: 'en-US' });

test('peered VPCs reach each other over the peering, hop by hop', async ({ page }, testInfo) => {
  const planner = new Planner(page);
  await planner.open();
  await planner.openSample('article-peering');
  const { reachability } = planner;

  await reachability.pick('VPC A (172.31.0.0/16)', 'VPC B (13.0.0.0/16)');
  await expect(reachability.result).toHaveAttribute('data-reachable', 'true');
  await expect(reachability.verdict).toHaveText('✓ Reachable');
  await expect(reachability.hops).toHaveCount(1);
  const hop = reachability.hops.first();
  await expect(hop.locator('.endpoints')).toHaveText('VPC A (172.31.0.0/16) → VPC B (13.0.0.0/16)');
  await expect(hop.locator('.kind')).toHaveText('VPC peering');
  await expect(hop).toHaveAttribute('data-link', 'pcx-a-b');
  await expect(hop.locator('.via')).toContainText('pcx-a-b');

  await reachability.openAllPairs();
  await expect(reachability.allPairsTable.locator('tbody tr')).toHaveCount(2);
  await expect(reachability.allPairsTable.locator('td.yes')).toHaveText(['✓ peering', '✓ peering']);
  await page.screenshot({ path: testInfo.outputPath('reachability-path.png'), fullPage: true });
  expect(planner.consoleErrors).toEqual([]);
});

test('peering is not transitive: the view says why not, with the rule id, in both languages', async ({ page }, testInfo) => {
  const planner = new Planner(page);
  await planner.open();
  await planner.openSample('mistake-transitive-peering');
  const { reachability } = planner;

  await reachability.pick('VPC A (10.0.0.0/16)', 'VPC C (10.2.0.0/16)');
  await expect(reachability.result).toHaveAttribute('data-reachable', 'false');
  await expect(reachability.verdict).toHaveText('✕ Not reachable');
  await expect(reachability.reasons.locator('.rule-id')).toContainText(['PEER-003']);
  await expect(reachability.reasons.filter({ hasText: 'PEER-003' })).toContainText('transitive');

  // A to B works: the view follows the pickers.
  await reachability.to.selectOption({ label: 'VPC B (hub) (10.1.0.0/16)' });
  await expect(reachability.result).toHaveAttribute('data-reachable', 'true');

  await reachability.openAllPairs();
  const rows = reachability.allPairsTable.locator('tbody tr');
  await expect(rows).toHaveCount(3);
  // A reaches B but not C; C reaches B but not A.
  await expect(rows.nth(0).locator('td')).toHaveText(['—same node', '✓ peering', 'no']);
  await expect(rows.nth(2).locator('td')).toHaveText(['no', '✓ peering', '—same node']);

  await reachability.to.selectOption({ label: 'VPC C (10.2.0.0/16)' });
  await planner.switchLanguage('日本語');
  await expect(reachability.verdict).toHaveText('✕ 到達不可');
  await expect(reachability.reasons.filter({ hasText: 'PEER-003' })).toContainText(/[ぁ-んァ-ヶ一-龠]/);
  await page.screenshot({ path: testInfo.outputPath('reachability-why-not-ja.png'), fullPage: true });
  expect(planner.consoleErrors).toEqual([]);
});
