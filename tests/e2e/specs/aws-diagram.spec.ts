// The canvas reads like an AWS diagram: services, endpoint services,
// endpoints and load balancers carry their AWS Architecture Icons, an
// endpoint service is joined to the VPC that hosts it, the saved SVG shows
// the icons on its own, and "Save image" also offers the design as a
// draw.io diagram built from draw.io's AWS shapes.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { Planner } from '../pages/planner';

test.use({ locale: 'en-US', viewport: { width: 1280, height: 800 } });

test('icons, the host line, the standalone SVG and the draw.io file', async ({ page, browser }, testInfo) => {
  const planner = new Planner(page);
  await planner.open();
  await planner.openSample('endpoint-service-nlb-cross-account');

  const service = page.locator('svg.design-canvas g.node.service[data-node="svc-orders"]');
  await expect(service.locator('use.aws-icon.privatelink')).toBeVisible();
  // What hosts the endpoint service: a line to its provider VPC, with the
  // NLB's icon where it meets that VPC.
  const host = service.locator('g.host');
  await expect(host.locator('line.host-line')).toHaveCount(1);
  await expect(host.locator('use.aws-icon.network-load-balancer')).toBeVisible();
  const provider = await page.locator('svg.design-canvas g.node[data-node="vpc-provider"] rect').boundingBox();
  const nlb = await host.locator('use.aws-icon.network-load-balancer').boundingBox();
  expect(provider && nlb).toBeTruthy();
  // The NLB's icon sits just outside the provider VPC's box, on its side.
  const gap = Math.min(Math.abs(nlb!.x + nlb!.width - provider!.x), Math.abs(nlb!.x - (provider!.x + provider!.width)));
  expect(gap).toBeLessThan(20);
  // The consumer's interface endpoint shows the VPC endpoints icon.
  await expect(page.locator('svg.design-canvas g.link.interface use.aws-icon.vpc-endpoints')).toHaveCount(1);
  await expect(page.locator('.canvas-legend .legend-credit')).toHaveText('Icons: AWS Architecture Icons');
  await page.locator('.drawing').screenshot({ path: testInfo.outputPath('canvas-icons.png') });

  const { violations } = await new AxeBuilder({ page }).include('.drawing').include('.canvas-legend').analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // The saved SVG carries the icons' definitions: drawn on its own, the
  // PrivateLink icon's purple is there.
  const saveImage = page.locator('.design-bar button.save-image');
  await saveImage.click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#image-formats button[data-format="svg"]').click()]);
  const svg = readFileSync(await download.path(), 'utf8');
  expect(svg).toContain('id="aws-icon-privatelink"');
  const image = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  try {
    await image.setContent(
      `<body style="margin:0;background:#fff"><img id="diagram" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"></body>`,
    );
    const purple = await image.evaluate(async () => {
      const img = document.getElementById('diagram') as HTMLImageElement;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const context = canvas.getContext('2d')!;
      context.drawImage(img, 0, 0);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let count = 0;
      // #8c4fff, the networking icons' colour.
      for (let i = 0; i < pixels.length; i += 4) {
        if (Math.abs(pixels[i] - 0x8c) < 12 && Math.abs(pixels[i + 1] - 0x4f) < 12 && pixels[i + 2] > 0xf0) count++;
      }
      return count;
    });
    expect(purple, 'the icons are drawn in the saved image').toBeGreaterThan(200);
    await image.screenshot({ path: testInfo.outputPath('saved-with-icons.png') });
  } finally {
    await image.close();
  }

  // The draw.io file, from the exporter's worker.
  await saveImage.click();
  const [drawio] = await Promise.all([page.waitForEvent('download'), page.locator('#image-formats button[data-format="drawio"]').click()]);
  expect(drawio.suggestedFilename()).toMatch(/^Endpoint-service.*\.drawio$/);
  const xml = readFileSync(await drawio.path(), 'utf8');
  const cells = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    if (doc.querySelector('parsererror')) return null;
    return [...doc.querySelectorAll('mxCell')].map((cell) => ({
      id: cell.getAttribute('id'),
      parent: cell.getAttribute('parent'),
      value: cell.getAttribute('value'),
      style: cell.getAttribute('style') ?? '',
    }));
  }, xml);
  expect(cells).not.toBeNull();
  const cell = (id: string) => cells!.find((c) => c.id === id)!;
  expect(cell('region:ap-northeast-1').style).toContain('grIcon=mxgraph.aws4.group_region');
  expect(cell('vpc:vpc-provider').style).toContain('grIcon=mxgraph.aws4.group_vpc2');
  expect(cell('vpc:vpc-provider').parent).toBe('account:ap-northeast-1:222222222222');
  expect(cell('service:svc-orders').style).toContain('resIcon=mxgraph.aws4.vpc_privatelink');
  expect(cell('load-balancer:svc-orders:0').style).toContain('shape=mxgraph.aws4.network_load_balancer');
  expect(planner.consoleErrors).toEqual([]);
});
