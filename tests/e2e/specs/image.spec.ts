// "Save image": the drawing as an SVG or PNG file for slides. The SVG stands
// on its own (no stylesheet), shows every node and link with its marks,
// leaves out the grid and the selection, and is framed on the whole design;
// the PNG is the same picture at twice its size.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { CanvasEditor } from '../pages/canvas-editor';
import { Planner } from '../pages/planner';

test.use({ locale: 'en-US', viewport: { width: 1280, height: 800 } });

test('the drawing is saved as a standalone SVG image framed on the design', async ({ page, browser }, testInfo) => {
  const planner = new Planner(page);
  await planner.open();
  const saveImage = page.locator('.design-bar button.save-image');
  await expect(saveImage, 'nothing to draw yet').toBeDisabled();

  await planner.openSample('mistake-transitive-peering');
  const editor = new CanvasEditor(page);
  await expect(editor.nodes).toHaveCount(3);
  // Zoomed in and selected: neither may show in the image.
  await page.locator('.design-bar button.zoom-in').click();
  await page.locator('.design-bar button.zoom-in').click();
  await page.locator('svg.design-canvas g.node[data-node="vpc-b"] rect').click();
  await expect(page.locator('svg.drag-layer g.marks .selected-node')).toHaveCount(1);

  await saveImage.click();
  await expect(saveImage).toHaveAttribute('aria-expanded', 'true');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#image-formats button[data-format="svg"]').click()]);
  await expect(saveImage).toHaveAttribute('aria-expanded', 'false');
  expect(download.suggestedFilename()).toMatch(/^Mistake-.*\.svg$/);
  const svg = readFileSync(await download.path(), 'utf8');
  expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);

  const image = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  try {
    await image.setContent('<body style="margin:0"></body>');
    const seen = await image.evaluate((text) => {
      const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
      const root = parsed.documentElement;
      return {
        error: parsed.querySelector('parsererror')?.textContent ?? null,
        root: root.localName,
        title: root.querySelector(':scope > title')?.textContent ?? '',
        viewBox: root.getAttribute('viewBox'),
        texts: [...root.querySelectorAll('text')].map((t) => t.textContent),
        links: root.querySelectorAll('line').length,
        rects: root.querySelectorAll('rect').length,
        styled: [...root.querySelectorAll('rect, line, text')].every((el) => (el.getAttribute('style') ?? '').includes('fill:')),
        classes: root.querySelectorAll('[class]').length,
        grid: root.querySelectorAll('pattern').length,
        transformed: root.querySelectorAll(':scope > g[transform]').length,
      };
    }, svg);
    expect(seen.error).toBeNull();
    expect(seen.root).toBe('svg');
    expect(seen.title).toMatch(/^Mistake: expecting A to reach C/);
    expect(seen.texts).toEqual(expect.arrayContaining(['VPC A', 'VPC B (hub)', 'VPC C', '10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/16']));
    expect(seen.links).toBeGreaterThanOrEqual(2);
    expect(seen.rects, 'the three VPCs and the backdrop, no selection mark').toBe(4);
    expect(seen.styled, 'every shape carries its look').toBe(true);
    expect(seen.classes, 'no planner classes left').toBe(0);
    expect(seen.grid, 'no grid').toBe(0);
    expect(seen.transformed, 'framed on the design, not on the zoomed view').toBe(0);

    // Rendered as an image, on its own: every node inside the frame, the
    // error marks in the error colour.
    await image.setContent(
      `<body style="margin:0;background:#888"><img id="diagram" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"></body>`,
    );
    const drawn = await image.evaluate(async () => {
      const img = document.getElementById('diagram') as HTMLImageElement;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const context = canvas.getContext('2d')!;
      context.drawImage(img, 0, 0);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let reddish = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i] > 150 && pixels[i + 1] < 90 && pixels[i + 2] < 90) reddish++;
      }
      return { width: img.naturalWidth, height: img.naturalHeight, reddish };
    });
    expect(drawn.width).toBeGreaterThan(500);
    expect(drawn.height).toBeGreaterThan(100);
    expect(drawn.reddish, 'the error marks are drawn').toBeGreaterThan(100);
    await image.screenshot({ path: testInfo.outputPath('saved-image.png') });

    // The PNG: the same picture, twice the size.
    await saveImage.click();
    const [png] = await Promise.all([page.waitForEvent('download'), page.locator('#image-formats button[data-format="png"]').click()]);
    expect(png.suggestedFilename()).toMatch(/^Mistake-.*\.png$/);
    const bytes = readFileSync(await png.path());
    expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'a PNG signature').toBe(true);
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect(bytes.readUInt32BE(16)).toBe(drawn.width * 2);
    expect(bytes.readUInt32BE(20)).toBe(drawn.height * 2);
  } finally {
    await image.close();
  }
  expect(planner.consoleErrors).toEqual([]);
});
