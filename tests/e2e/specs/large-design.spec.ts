// A 500-node design (issue 19): the canvas draws only what is in view, the
// overview and the validation panel render their long lists in windows, and
// still every item is reachable: Tab focuses items off screen (they stay in
// the page while focused), a diagnostic reveals an item off screen by
// panning to it, the windowed tables reach their last row, the saved image
// holds the whole design, and axe finds nothing serious.
//
// The design is the benchmarks' generated one (`synthetic_design 492`),
// written by `cargo xtask test` and named by VPCPLAN_E2E_DESIGN_500.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { Planner } from '../pages/planner';

test.use({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
// A 500-node page is slow to restore and to repaint on a loaded machine.
test.setTimeout(120_000);

const AUTOSAVE_KEY = 'vpcplan.design';
const NODES = 500;

function design(): string {
  const file = process.env.VPCPLAN_E2E_DESIGN_500;
  if (!file) throw new Error('VPCPLAN_E2E_DESIGN_500 must name the 500-node design file (cargo xtask test writes it)');
  return readFileSync(file, 'utf8');
}

/** The planner with the 500-node design restored. */
async function restored(page: Page): Promise<Planner> {
  const text = design();
  await page.addInitScript(
    ([key, value]) => {
      if (!sessionStorage.getItem('vpcplan-e2e-restored')) {
        localStorage.setItem(key, value);
        sessionStorage.setItem('vpcplan-e2e-restored', '1');
      }
    },
    [AUTOSAVE_KEY, text] as const,
  );
  const planner = new Planner(page);
  await planner.open();
  await expect(page.locator('section.design-overview caption').first()).toHaveText(/\(492\)$/);
  await expect(page.locator('svg.design-canvas g.node').first()).toBeVisible();
  return planner;
}

/** Zooms in on the middle of the canvas, two steps. */
async function zoomIn(page: Page): Promise<void> {
  await page.locator('svg.design-canvas').focus();
  for (let i = 0; i < 2; i++) await page.keyboard.press('+');
}

async function zoomedIn(page: Page): Promise<Planner> {
  const planner = await restored(page);
  await zoomIn(page);
  return planner;
}

/** Whether `inner`'s box lies within `outer`'s. */
async function within(inner: Locator, outer: Locator): Promise<boolean> {
  const [a, b] = [await inner.boundingBox(), await outer.boundingBox()];
  if (!a || !b) return false;
  return a.x >= b.x - 1 && a.y >= b.y - 1 && a.x + a.width <= b.x + b.width + 1 && a.y + a.height <= b.y + b.height + 1;
}

const drawnNodes = (page: Page) => page.locator('svg.design-canvas g.node').count();

test('zoomed in, the page holds far fewer nodes than the design, and panning brings others in', async ({ page }) => {
  await zoomedIn(page);
  await expect.poll(() => drawnNodes(page)).toBeLessThan(NODES / 5);
  const drawn = await drawnNodes(page);
  expect(drawn).toBeGreaterThan(0);
  const before = await page.locator('svg.design-canvas g.node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-node')));
  // Pan a whole view to the right: other nodes come into the page.
  const canvas = await page.locator('svg.design-canvas').boundingBox();
  if (!canvas) throw new Error('the canvas is not drawn');
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  for (let i = 0; i < 3; i++) await page.mouse.wheel(canvas.width, 0);
  await expect
    .poll(async () => {
      const after = await page.locator('svg.design-canvas g.node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-node')));
      return after.filter((id) => !before.includes(id)).length;
    })
    .toBeGreaterThan(0);
  expect(await drawnNodes(page)).toBeLessThan(NODES / 5);
});

test('Tab focuses items off screen: each focused item is in the page and named', async ({ page }) => {
  await zoomedIn(page);
  const canvas = page.locator('svg.design-canvas');
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const active = await canvas.getAttribute('aria-activedescendant');
    expect(active, `Tab ${i + 1} focuses an item`).toBeTruthy();
    const item = page.locator(`[id="${active}"]`);
    await expect(item).toHaveCount(1);
    await expect(item).toHaveAttribute('aria-label', /\S/);
  }
  // Reading order starts at the top of the design, out of this view: the
  // first items Tab reached were drawn only because they were focused.
  await expect.poll(() => drawnNodes(page)).toBeLessThan(NODES / 5);
});

test('a diagnostic reveals an item off screen: the canvas pans to it and selects it', async ({ page }) => {
  const planner = await restored(page);
  const canvas = page.locator('svg.design-canvas');
  // Give vpc-1 the CIDR of vpc-5, which it peers with: PEER-001 names both.
  await canvas.locator('g.node[data-node="vpc-1"] rect').click();
  const field = page.locator('section.inspector').getByLabel('IPv4 CIDR (primary)', { exact: true });
  await expect(field).toHaveValue('10.0.4.0/22');
  await field.fill('10.0.20.0/22');
  await field.press('Enter');
  const peer001 = planner.validation.diagnostic('PEER-001').first();
  await expect(peer001).toBeVisible();
  // Zoomed in, and away from vpc-1 and vpc-5: far to the right and down.
  await page.keyboard.press('Escape');
  await zoomIn(page);
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the canvas is not drawn');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 3; i++) await page.mouse.wheel(2 * box.width, 2 * box.height);
  const vpc5 = canvas.locator('g.node[data-node="vpc-5"]');
  await expect(vpc5, 'vpc-5 is off screen and not drawn').toHaveCount(0);

  await peer001.locator('button.diagnostic-summary').click();
  await expect(vpc5).toHaveCount(1);
  await expect(vpc5).toHaveClass(/selected/);
  // Revealing centres what the diagnostic is about: the middle of vpc-1
  // and vpc-5 is in view.
  const vpc1 = canvas.locator('g.node[data-node="vpc-1"]');
  await expect(vpc1).toHaveCount(1);
  const [a, b, view] = [await vpc1.locator('rect').boundingBox(), await vpc5.locator('rect').boundingBox(), await canvas.boundingBox()];
  if (!a || !b || !view) throw new Error('vpc-1, vpc-5 or the canvas is not drawn');
  const middle = { x: (a.x + a.width / 2 + b.x + b.width / 2) / 2, y: (a.y + a.height / 2 + b.y + b.height / 2) / 2 };
  expect(middle.x).toBeGreaterThan(view.x);
  expect(middle.x).toBeLessThan(view.x + view.width);
  expect(middle.y).toBeGreaterThan(view.y);
  expect(middle.y).toBeLessThan(view.y + view.height);
  // The overview scrolled its windowed table to the first involved VPC.
  const involved = planner.designOverview.locator('tr.involved').first();
  await expect(involved).toHaveCount(1);
  expect(await within(involved, planner.designOverview.locator('.table-window').first())).toBe(true);
});

test('the overview renders its tables in windows and still reaches the last row', async ({ page }) => {
  const planner = await zoomedIn(page);
  const table = planner.designOverview.locator('table.overview-table').first();
  await expect(table).toHaveAttribute('aria-rowcount', '493');
  const rows = table.locator('tbody tr[data-vpc]');
  expect(await rows.count()).toBeLessThan(100);
  const last = table.locator('tbody tr[aria-rowindex="493"]');
  await expect(last).toHaveCount(0);
  const window = planner.designOverview.locator('.table-window').first();
  await window.evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await expect(last).toHaveCount(1);
  // Rows measured on the way may have changed the list's height: to the end again.
  await window.evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await expect.poll(() => within(last, window), 'the last row is in the scroll box\'s view').toBe(true);
  await expect(last).toHaveAttribute('data-vpc', /^vpc-/);
  expect(await rows.count()).toBeLessThan(100);
});

test('the saved image holds the whole design, not only what the zoomed view draws', async ({ page }) => {
  await zoomedIn(page);
  await expect.poll(() => drawnNodes(page)).toBeLessThan(NODES / 5);
  const saveImage = page.locator('.design-bar button.save-image');
  await saveImage.click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#image-formats button[data-format="svg"]').click()]);
  const svg = readFileSync(await download.path(), 'utf8');
  const nodes = await page.evaluate((text) => {
    const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
    return parsed.querySelectorAll('[data-node]').length;
  }, svg);
  expect(nodes).toBe(NODES);
  // And the canvas went back to drawing what is in view.
  await expect.poll(() => drawnNodes(page)).toBeLessThan(NODES / 5);
});

test('no serious or critical axe violations at 500 nodes with the drawing culled', async ({ page }) => {
  await zoomedIn(page);
  await expect.poll(() => drawnNodes(page)).toBeLessThan(NODES / 5);
  // The drawing, the overview and the validation panel: axe over the whole
  // page of a 500-node design takes minutes on a loaded machine.
  test.setTimeout(300_000);
  const { violations } = await new AxeBuilder({ page })
    .include('div.drawing')
    .include('section.design-overview')
    .include('section.validation-panel')
    .analyze();
  const serious = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
});
