// Required flows (issue 20, "The verdict and the export disagree"): a
// question asked in the reachability view is kept as a required flow in one
// click, listed with its verdict, edited and removed; once kept, Problems
// lists the flow's DNS caveat (PEER-006) with its fix, as reachability does.
import { expect, test } from '@playwright/test';
import { CanvasEditor } from '../pages/canvas-editor';
import { Planner } from '../pages/planner';

test.use({ locale: 'en-US' });

const APP_A = 'app-a (10.1.0.0/16)';
const APP_B = 'app-b (10.2.0.0/16)';
const SSM = 'AWS Systems Manager';

test('a question is kept as a required flow in one click, then edited, removed and restored by undo', async ({ page }, testInfo) => {
  const planner = new Planner(page);
  await planner.open();
  await planner.openSample('hub-endpoint-over-peering');
  const { reachability, validation } = planner;

  // The sample requires app-a to reach SSM through the hub's endpoint.
  await expect(reachability.flows).toHaveCount(1);
  await expect(reachability.flow('app-a-to-ssm')).toHaveAttribute('data-reachable', 'true');
  await expect(validation.message('PEER-006')).toHaveCount(1);

  // app-b is peered with the hub too, but nothing requires its flow: the
  // endpoint's security group does not let it in, and the view says how to fix it.
  await reachability.pick(APP_B, SSM);
  await expect(reachability.result).toHaveAttribute('data-reachable', 'false');
  await expect(reachability.reasons.locator('.rule-id')).toHaveText(['PL-005']);
  await expect(reachability.reasons.first()).toContainText('Keep this flow as a required flow');

  await reachability.keepFlow.click();
  await expect(reachability.flows).toHaveCount(2);
  const kept = reachability.flow('flow-1');
  await expect(kept).toHaveAttribute('data-reachable', 'true');
  await expect(reachability.result).toHaveAttribute('data-reachable', 'true');
  await expect(reachability.keepFlow).toBeDisabled();
  await expect(reachability.keepFlowWhy).toHaveText('This flow is already required.');
  // Problems now checks it: the DNS caveat for app-b, with its fix.
  await expect(validation.message('PEER-006')).toHaveCount(2);
  await expect(validation.message('PEER-006').nth(1)).toContainText('app-b reaches AWS Systems Manager');
  await expect(validation.fix('PEER-006').nth(1)).toContainText('endpoint-specific DNS name');
  await page.screenshot({ path: testInfo.outputPath('required-flow-kept.png'), fullPage: true });

  // Editing it into a copy of app-a's flow is refused, next to the flow.
  await reachability.editFlow('flow-1', 'from', APP_A);
  await expect(kept.locator('.field-error')).toHaveText('This flow is already required (app-a-to-ssm).');
  await expect(reachability.flows).toHaveCount(2);

  // Editing its target: app-b to app-a has no peering, so it is not reachable.
  await reachability.editFlow('flow-1', 'to', APP_A);
  await expect(kept).toHaveAttribute('data-reachable', 'false');
  await expect(kept.locator('.field-error')).toHaveCount(0);

  await reachability.removeFlow('flow-1');
  await expect(reachability.flows).toHaveCount(1);
  await expect(validation.message('PEER-006')).toHaveCount(1);

  // Undo brings the flow back as it was before the removal.
  await new CanvasEditor(page).undo();
  await expect(reachability.flows).toHaveCount(2);
  await expect(reachability.flow('flow-1').locator('label.flow-to select')).toHaveValue('vpc:vpc-app-a');
  expect(planner.consoleErrors).toEqual([]);
});

test('required flows in Japanese', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await planner.openSample('hub-endpoint-over-peering');
  await planner.switchLanguage('日本語');
  const { reachability } = planner;
  await expect(reachability.root.locator('#flows-heading')).toHaveText('必須フロー');
  await reachability.pick(APP_B, SSM);
  await expect(reachability.keepFlow).toHaveText('必須フローとして保存');
  await reachability.keepFlow.click();
  await expect(reachability.flows).toHaveCount(2);
  await expect(reachability.flow('flow-1')).toContainText('到達可能');
  expect(planner.consoleErrors).toEqual([]);
});
