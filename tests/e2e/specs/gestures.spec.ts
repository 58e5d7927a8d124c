// Journeys of the canvas gestures with a real mouse and keyboard: wheel pan
// and ctrl+wheel zoom around the pointer, box select and a move of the
// selection as one undo step, dragging from the palette, and copies with
// fresh ids.
import { expect, test } from '@playwright/test';
import { CanvasEditor } from '../pages/canvas-editor';
import { Planner } from '../pages/planner';

test.use({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });

test('the wheel pans and ctrl+wheel zooms around the pointer', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  const editor = new CanvasEditor(page);
  await editor.place('vpc', 200, 150);
  const origin = await editor.origin();
  const pointer = { x: origin.x + 300, y: origin.y + 200 };
  await page.mouse.move(pointer.x, pointer.y);

  const start = await editor.viewport();
  await page.mouse.wheel(40, 100);
  await expect.poll(async () => (await editor.viewport()).y).toBeCloseTo(start.y - 100, 3);
  const panned = await editor.viewport();
  expect(panned.x).toBeCloseTo(start.x - 40, 3);
  expect(panned.zoom).toBe(start.zoom);
  // The page did not scroll: the canvas took the wheel.
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  // The canvas point under the pointer stays under it while zooming in.
  const under = (v: { x: number; y: number; zoom: number }) => ({
    x: (pointer.x - origin.x - v.x) / v.zoom,
    y: (pointer.y - origin.y - v.y) / v.zoom,
  });
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -200);
  await page.keyboard.up('Control');
  await expect.poll(async () => (await editor.viewport()).zoom).toBeGreaterThan(panned.zoom * 1.2);
  const zoomed = await editor.viewport();
  // Within a pixel: the browser reports the pointer in whole pixels.
  expect(Math.abs(under(zoomed).x - under(panned).x)).toBeLessThanOrEqual(1 / zoomed.zoom);
  expect(Math.abs(under(zoomed).y - under(panned).y)).toBeLessThanOrEqual(1 / zoomed.zoom);
  await expect(page.locator('.zoom-level')).toHaveText(`${Math.round(zoomed.zoom * 100)}%`);
  expect(planner.consoleErrors).toEqual([]);
});

test('box select takes the nodes in the box; moving them is one undo step', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  const editor = new CanvasEditor(page);
  await editor.place('vpc', 80, 80);
  await editor.place('vpc', 380, 80);
  await editor.place('vpc', 80, 400);
  const [a, b, c] = [editor.nodes.nth(0), editor.nodes.nth(1), editor.nodes.nth(2)];
  const origin = await editor.origin();

  // Drag on the background around the two upper VPCs only.
  await page.mouse.move(origin.x + 40, origin.y + 40);
  await page.mouse.down();
  await page.mouse.move(origin.x + 300, origin.y + 200, { steps: 4 });
  await expect(editor.brush).toHaveCount(1);
  await page.mouse.move(origin.x + 640, origin.y + 260, { steps: 4 });
  await page.mouse.up();
  await expect(editor.brush).toHaveCount(0);
  await expect(a).toHaveClass(/selected/);
  await expect(b).toHaveClass(/selected/);
  await expect(c).not.toHaveClass(/selected/);

  const before = (await editor.savedDesign()).vpcs.map((v) => v.position);
  const from = await editor.center(a);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 60, from.y + 30, { steps: 3 });
  await page.mouse.move(from.x + 120, from.y + 80, { steps: 3 });
  await page.mouse.up();
  await expect.poll(async () => (await editor.savedDesign()).vpcs[0].position.x).toBe(before[0].x + 120);
  const after = (await editor.savedDesign()).vpcs.map((v) => v.position);
  expect(after[0]).toEqual({ x: before[0].x + 120, y: before[0].y + 80 });
  expect(after[1]).toEqual({ x: before[1].x + 120, y: before[1].y + 80 });
  expect(after[2]).toEqual(before[2]);

  // One undo puts both back; the VPCs placed before stay.
  await editor.undo();
  await expect.poll(async () => (await editor.savedDesign()).vpcs.map((v) => v.position)).toEqual(before);
  await expect(editor.nodes).toHaveCount(3);
  await page.locator('button.redo').click();
  await expect.poll(async () => (await editor.savedDesign()).vpcs.map((v) => v.position)).toEqual(after);
  expect(planner.consoleErrors).toEqual([]);
});

test('palette entries are dragged onto the canvas with the mouse', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  const editor = new CanvasEditor(page);
  await editor.dragFromPalette('vpc', 300, 200);
  await expect(editor.nodes).toHaveCount(1);
  const node = await editor.node('vpc-1').locator('rect').boundingBox();
  const origin = await editor.origin();
  const viewport = await editor.viewport();
  // The VPC's corner lands on the grid point nearest to the drop.
  const dropped = { x: (300 - viewport.x) / viewport.zoom, y: (200 - viewport.y) / viewport.zoom };
  const saved = (await editor.savedDesign()).vpcs[0].position;
  expect(Math.abs(saved.x - dropped.x)).toBeLessThanOrEqual(10);
  expect(Math.abs(saved.y - dropped.y)).toBeLessThanOrEqual(10);
  expect(Math.abs(node!.x - origin.x - (saved.x * viewport.zoom + viewport.x))).toBeLessThanOrEqual(2);

  await editor.dragFromPalette('endpoint-service', 300, 420);
  await expect(editor.nodes).toHaveCount(3);
  await expect(editor.drawing.locator('g.node.service')).toHaveCount(1);
  expect(planner.consoleErrors).toEqual([]);
});

test('duplicate and copy/paste make copies with fresh ids', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  const editor = new CanvasEditor(page);
  await editor.place('vpc', 80, 80);
  await editor.select(editor.nodes.first());
  await editor.drawing.focus();
  await page.keyboard.press('Control+d');
  await expect(editor.nodes).toHaveCount(2);
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(editor.nodes).toHaveCount(3);

  const design = await editor.savedDesign();
  const ids = (list: { id: string }[]) => list.map((item) => item.id);
  const unique = (list: string[]) => new Set(list).size === list.length;
  expect(unique(ids(design.vpcs))).toBe(true);
  expect(unique(design.vpcs.flatMap((v) => ids(v.subnets)))).toBe(true);
  expect(unique(design.vpcs.flatMap((v) => ids(v.route_tables)))).toBe(true);
  const nodeIds = await editor.nodes.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-node')));
  expect(new Set(nodeIds).size).toBe(3);
  // The copy pasted last is selected, and the original is not.
  await expect(editor.nodes.nth(2)).toHaveClass(/selected/);
  await expect(editor.nodes.nth(0)).not.toHaveClass(/selected/);
  expect(planner.consoleErrors).toEqual([]);
});
