// The export dialog: files, preview, copy, downloads that lint clean, the
// explicit choice for a design with errors, and dialog keyboard behaviour.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { CanvasEditor } from '../pages/canvas-editor';
import { Planner } from '../pages/planner';
import { cfnLint, zipEntries } from '../tools';

// page.route holds or fails the exporter's worker below; requests a service
// worker makes are out of its reach, so the offline snapshot (offline.spec.ts)
// stays out of these journeys.
test.use({ locale: 'en-US', serviceWorkers: 'block' });

const TEMPLATE = 'cloudformation/111111111111-ap-northeast-1.yaml';
// Every file of the clean sample's export, in the dialog's order: the
// CloudFormation bundle (template, DEPLOY.md, verify.sh), then the CLI scripts.
const FILES = [
  TEMPLATE,
  'cloudformation/DEPLOY.md',
  'cloudformation/verify.sh',
  'cli/deploy.sh',
  'cli/teardown.sh',
  'cli/verify.sh',
];

test('a clean sample exports templates that pass cfn-lint, one by one and as a zip', async ({ page }, testInfo) => {
  const planner = new Planner(page);
  await planner.open();
  await planner.openSample('article-peering');
  const dialog = await planner.openExport();

  await expect(dialog.errors).toHaveCount(0);
  await expect(dialog.files).toHaveText(FILES);
  await dialog.showFile(TEMPLATE);
  await expect(dialog.preview).toContainText('AWSTemplateFormatVersion');
  await expect(dialog.preview).toContainText('AWS::EC2::VPCPeeringConnection');
  await page.screenshot({ path: testInfo.outputPath('export-yaml.png') });

  const download = await dialog.download(TEMPLATE);
  expect(download.suggestedFilename()).toBe('cloudformation-111111111111-ap-northeast-1.yaml');
  const saved = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(saved);
  const contents = await readFile(saved, 'utf8');
  expect(contents).toBe(await dialog.preview.textContent());
  const findings = cfnLint(saved, 'ap-northeast-1').filter((finding) => finding.Level !== 'Informational');
  expect(findings).toEqual([]);

  const zip = await dialog.downloadAll();
  expect(zip.suggestedFilename()).toBe('vpcplan-export.zip');
  const entries = zipEntries(await zip.path());
  expect(entries.map((entry) => entry.name)).toEqual(FILES.map((path) => `vpcplan-export/${path}`));
  expect(entries.map((entry) => entry.mode & 0o777)).toEqual(
    FILES.map((path) => (path.endsWith('.sh') ? 0o755 : 0o644)),
  );
  expect(entries[0].size).toBe(Buffer.byteLength(contents));

  await dialog.chooseFormat('json');
  await expect(dialog.files.first()).toHaveText('cloudformation/111111111111-ap-northeast-1.json');
  await dialog.showFile('cloudformation/111111111111-ap-northeast-1.json');
  const json = JSON.parse((await dialog.preview.textContent()) ?? '');
  expect(json.Resources).toBeTruthy();
  expect(planner.consoleErrors).toEqual([]);
});

test('copy puts the previewed file on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const planner = new Planner(page);
  await planner.open();
  await planner.openSample('s3-gateway-endpoint');
  const dialog = await planner.openExport();
  await dialog.showFile('cli/deploy.sh');
  await dialog.copyButton.click();
  await expect(dialog.notice).toHaveText('Copied to the clipboard.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await dialog.preview.textContent());
  expect(copied).toContain('#!/usr/bin/env bash');
});

test('a design with errors exports only after the explicit choice', async ({ page }, testInfo) => {
  const planner = new Planner(page);
  await planner.open();
  await planner.openSample('mistake-overlapping-cidrs');
  const dialog = await planner.openExport();

  await expect(dialog.errors).toHaveCount(1);
  await expect(dialog.errors.first()).toContainText('PEER-001');
  await expect(dialog.errors.first()).toContainText('10.0.0.0/16 ∩ 10.0.128.0/20');
  await expect(dialog.blocked).toBeVisible();
  await expect(dialog.files).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('export-blocked.png') });

  await dialog.exportAnyway.check();
  await expect(dialog.blocked).toHaveCount(0);
  await expect(dialog.files.first()).toHaveText(/^cloudformation\/.*\.yaml$/);
  await expect(dialog.preview).toContainText('PEER-001');

  await dialog.exportAnyway.uncheck();
  await expect(dialog.files).toHaveCount(0);
  expect(planner.consoleErrors).toEqual([]);
});

test('the dialog says it is preparing the export until the worker answers', async ({ page }) => {
  // Hold the exporter's module until the busy state has been seen.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/vpcplan-export-worker_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  const planner = new Planner(page);
  await planner.open();
  await planner.openSample('article-peering');
  const dialog = await planner.openExport();

  await expect(dialog.preparing).toHaveText('Preparing the export…');
  await expect(dialog.busy).toHaveAttribute('aria-busy', 'true');
  await expect(dialog.files).toHaveCount(0);
  // While busy the format radios are the last tab stop: Tab still stays inside.
  for (let press = 0; press < 6; press += 1) {
    await page.keyboard.press('Tab');
    const inside = await dialog.root.evaluate((element) => element.contains(document.activeElement));
    expect(inside, `Tab #${press + 1} left the busy dialog`).toBe(true);
  }
  release();
  await expect(dialog.files).toHaveText(FILES);
  await expect(dialog.preparing).toHaveCount(0);
  await expect(dialog.root.locator('.export-body')).toHaveAttribute('aria-busy', 'false');
  await expect(dialog.preview).toContainText('AWSTemplateFormatVersion');
  expect(planner.consoleErrors).toEqual([]);
});

test('when the exporter cannot be loaded the dialog says so, the design is intact, and retry works', async ({ page }, testInfo) => {
  let failing = true;
  await page.route('**/vpcplan-export-worker_bg.wasm', (route) => (failing ? route.abort('failed') : route.continue()));
  const planner = new Planner(page);
  await planner.open();
  await planner.openSample('article-peering');
  const editor = new CanvasEditor(page);
  const nodes = await editor.nodes.count();
  expect(nodes).toBeGreaterThan(0);
  const dialog = await planner.openExport();

  await expect(dialog.failure).toBeVisible();
  await expect(dialog.failure).toContainText('The exporter could not run:');
  await expect(dialog.failure).toContainText('Your design is unchanged.');
  await expect(dialog.files).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('export-worker-failed.png') });

  failing = false;
  await dialog.retryButton.click();
  await expect(dialog.files).toHaveText(FILES);
  await dialog.closeButton.click();
  await expect(dialog.root).toHaveCount(0);
  await expect(editor.nodes).toHaveCount(nodes);
});

test('when the exporter never loads the dialog stops waiting after the timeout, and retry works', async ({ page }) => {
  // The worker's module is held, never answered: the worker neither loads
  // nor reports an error. The page's clock is Playwright's, so the 20 s
  // load timeout (export_client::LOAD_TIMEOUT_MS) is skipped, not waited.
  let holding = true;
  await page.route('**/vpcplan-export-worker_bg.wasm', async (route) => {
    if (holding) return; // never continued: the request stays pending
    await route.continue();
  });
  await page.clock.install();
  const planner = new Planner(page);
  await planner.open();
  await planner.openSample('article-peering');
  const dialog = await planner.openExport();

  await expect(dialog.preparing).toHaveText('Preparing the export…');
  await page.clock.runFor(19_000);
  await expect(dialog.preparing).toHaveText('Preparing the export…');
  await expect(dialog.failure).toHaveCount(0);
  await page.clock.runFor(1_500);
  await expect(dialog.failure).toBeVisible();
  await expect(dialog.failure).toContainText('The exporter could not run: it did not load within 20 seconds.');
  await expect(dialog.failure).toContainText('Your design is unchanged.');
  await expect(dialog.preparing).toHaveCount(0);
  await expect(dialog.files).toHaveCount(0);

  holding = false;
  await dialog.retryButton.click();
  await expect(dialog.files).toHaveText(FILES);
  // The new worker loaded: its own timeout passing changes nothing.
  await page.clock.runFor(21_000);
  await expect(dialog.failure).toHaveCount(0);
  await expect(dialog.files).toHaveCount(FILES.length);
  expect(planner.consoleErrors).toEqual([]);
});

test('the dialog is modal: focus starts inside, Tab stays inside, Escape closes and focus returns', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await planner.openSample('article-peering');
  await planner.exportButton.focus();
  await page.keyboard.press('Enter');
  const { exportDialog } = planner;
  await expect(exportDialog.root).toBeVisible();
  await expect(exportDialog.root).toHaveAttribute('open', '');
  expect(await exportDialog.root.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);

  const stops = await exportDialog.root.evaluate(
    (dialog) => dialog.querySelectorAll('button:not([disabled]), a[href], input:not([disabled]), [tabindex="0"]').length,
  );
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let press = 0; press < stops + 3; press += 1) {
      await page.keyboard.press(key);
      const inside = await exportDialog.root.evaluate((dialog) => dialog.contains(document.activeElement));
      expect(inside, `${key} #${press + 1} left the dialog`).toBe(true);
    }
  }

  await page.keyboard.press('Escape');
  await expect(exportDialog.root).toHaveCount(0);
  await expect(planner.exportButton).toBeFocused();

  await planner.openExport();
  await exportDialog.closeButton.click();
  await expect(exportDialog.root).toHaveCount(0);
  await expect(planner.exportButton).toBeFocused();
  expect(planner.consoleErrors).toEqual([]);
});
