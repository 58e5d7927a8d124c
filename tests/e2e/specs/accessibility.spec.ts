// axe-core finds no serious or critical violations: the shell, a sample with
// problems and reachability shown, the export dialog, in both themes and languages.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { Planner } from '../pages/planner';

test.use({ locale: 'en-US' });

async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious or critical violations in the ${colorScheme} theme`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme });
    const planner = new Planner(page);
    await planner.open();
    expect(await seriousViolations(page)).toEqual([]);

    await planner.openSample('mistake-transitive-peering');
    await planner.reachability.pick('VPC A (10.0.0.0/16)', 'VPC C (10.2.0.0/16)');
    await planner.reachability.openAllPairs();
    await planner.highlightColumn('VPC peering');
    await expect(planner.reachability.allPairsTable).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`sample-${colorScheme}.png`), fullPage: true });

    await planner.openExport();
    expect(await seriousViolations(page, 'dialog.export-dialog')).toEqual([]);
    await planner.exportDialog.exportAnyway.check();
    await expect(planner.exportDialog.preview).toBeVisible();
    expect(await seriousViolations(page, 'dialog.export-dialog')).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`export-${colorScheme}.png`) });

    await page.keyboard.press('Escape');
    await planner.switchLanguage('日本語');
    await planner.samplesButton.click();
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('every button, link and form control has an accessible name', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await planner.openSample('endpoint-service-nlb-cross-account');
  await planner.openExport();
  const unnamed = await page.evaluate(() => {
    const controls = document.querySelectorAll('button, a[href], input, select, [tabindex="0"]');
    return Array.from(controls)
      .filter((control) => {
        const labelled = control.getAttribute('aria-label') || control.getAttribute('aria-labelledby');
        const labels = (control as HTMLInputElement).labels;
        const text = control.textContent?.trim();
        return !labelled && !(labels && labels.length > 0) && !text;
      })
      .map((control) => control.outerHTML.slice(0, 120));
  });
  expect(unnamed).toEqual([]);
});
