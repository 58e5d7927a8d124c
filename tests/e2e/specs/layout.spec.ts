// The planner's layout in light and dark, English and Japanese, and
// presentation mode: the canvas is the main area of the window and the page
// never scrolls; the header's controls stay on one row; services sit inside
// their Region's box; group labels do not overlap each other or the nodes;
// the legend's swatches stand apart from their labels.
import { expect, test, type Page } from '@playwright/test';
import { CanvasEditor } from '../pages/canvas-editor';
import { Planner, type SampleId } from '../pages/planner';

const cases = [
  { scheme: 'light', locale: 'en-US', presentation: false, sample: 'endpoint-service-nlb-cross-account', services: 1 },
  { scheme: 'dark', locale: 'ja-JP', presentation: false, sample: 'interface-endpoint-aws-service', services: 3 },
  { scheme: 'dark', locale: 'en-US', presentation: true, sample: 'cross-account-cross-region-peering', services: 0 },
  { scheme: 'light', locale: 'ja-JP', presentation: true, sample: 's3-gateway-endpoint', services: 1 },
] as const;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the drawing shows, in page pixels. */
async function drawn(page: Page) {
  return page.locator('svg.design-canvas').evaluate((svg) => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    return {
      regions: [...svg.querySelectorAll('g.group.region')].map((g) => ({
        label: g.querySelector('text')?.textContent ?? '',
        // The box is drawn as four edges; the group's box is theirs.
        rect: box(g),
      })),
      labels: [...svg.querySelectorAll('g.group text')].map((t) => ({ text: t.textContent ?? '', box: box(t) })),
      services: [...svg.querySelectorAll('g.node.service')].map((g) => ({
        region: g.querySelectorAll('text')[2]?.textContent ?? '',
        rect: box(g.querySelector('rect')!),
      })),
      nodes: [...svg.querySelectorAll('g.node rect')].map(box),
    };
  });
}

const encloses = (outer: Box, inner: Box) =>
  outer.x <= inner.x && outer.y <= inner.y && outer.x + outer.width >= inner.x + inner.width && outer.y + outer.height >= inner.y + inner.height;
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

for (const { scheme, locale, presentation, sample, services } of cases) {
  test.describe(`${scheme}, ${locale}${presentation ? ', presentation' : ''}`, () => {
    test.use({ colorScheme: scheme, locale, viewport: { width: 1400, height: 900 } });

    test(`the canvas fills the window and the groups hold their nodes (${sample})`, async ({ page }, testInfo) => {
      const planner = new Planner(page);
      await planner.open();
      await planner.openSample(sample as SampleId);
      if (presentation) {
        await planner.presentationToggle.click();
        await expect(planner.sidePanel).toBeHidden();
      }
      const editor = new CanvasEditor(page);
      await expect(editor.nodes.first()).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath(`layout-${scheme}-${locale}${presentation ? '-presentation' : ''}.png`) });

      // The canvas is the main area: most of the window's height, and the page does not scroll.
      const canvas = await editor.drawing.boundingBox();
      const window = page.viewportSize()!;
      expect(canvas!.height).toBeGreaterThan(window.height * 0.6);
      expect(canvas!.width).toBeGreaterThan(window.width * (presentation ? 0.75 : 0.5));
      const overflow = () => page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
      expect(await overflow()).toBeLessThanOrEqual(0);
      // The header's controls stay on one row, in either language and size of type.
      const { spread, height } = await page
        .locator('header.app-header')
        .getByRole('button')
        .evaluateAll((buttons) => {
          const centres = buttons.map((b) => b.getBoundingClientRect()).map((r) => r.top + r.height / 2);
          return {
            spread: Math.max(...centres) - Math.min(...centres),
            height: Math.min(...buttons.map((b) => b.getBoundingClientRect().height)),
          };
        });
      expect(spread).toBeLessThan(height / 2);

      // Each legend swatch stands apart from its label.
      const gaps = await page.locator('.canvas-legend li.legend-entry').evaluateAll((entries) =>
        entries.map((entry) => {
          const text = document.createRange();
          text.selectNodeContents(entry);
          text.setStartAfter(entry.querySelector('svg')!);
          return text.getBoundingClientRect().left - entry.querySelector('svg')!.getBoundingClientRect().right;
        }),
      );
      expect(gaps).toHaveLength(3);
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(4);

      const shown = await drawn(page);
      expect(shown.services).toHaveLength(services);
      for (const service of shown.services) {
        const region = shown.regions.find((r) => r.label === service.region);
        expect(region, `a Region box for ${service.region}`).toBeDefined();
        expect(encloses(region!.rect, service.rect), `the service sits inside ${service.region}`).toBe(true);
      }
      for (const [i, a] of shown.labels.entries()) {
        for (const b of shown.labels.slice(i + 1)) {
          expect(overlap(a.box, b.box), `"${a.text}" and "${b.text}" overlap`).toBe(false);
        }
        for (const node of shown.nodes) {
          expect(overlap(a.box, node), `"${a.text}" overlaps a node`).toBe(false);
        }
      }
      const canvasBox = (await editor.drawing.boundingBox())!;
      const inCanvas = (box: Box) => encloses(canvasBox, box);
      expect(shown.nodes.every(inCanvas), 'every node in view').toBe(true);
      if (presentation) {
        // A small design is drawn large for the room, refitted to the wider canvas.
        expect((await editor.viewport()).zoom).toBeGreaterThan(1.2);
        await planner.presentationToggle.click();
        await expect(planner.sidePanel).toBeVisible();
        await expect.poll(async () => (await editor.viewport()).zoom).toBeLessThanOrEqual(1);
        const narrower = (await editor.drawing.boundingBox())!;
        const nodes = (await drawn(page)).nodes;
        expect(nodes.every((box) => encloses(narrower, box)), 'every node in view after leaving').toBe(true);
      }
      // Nor when a long panel below the canvas opens (its hidden text once stretched the page).
      await page.locator('details.all-pairs summary').click();
      await expect(page.locator('table.all-pairs-table')).toBeVisible();
      expect(await overflow()).toBeLessThanOrEqual(0);
      expect(planner.consoleErrors).toEqual([]);
    });
  });
}
