// A trainer's students open the planner once online; in the room the network
// is gone. The service worker has cached the whole build by then, so the
// planner opens again with the design they left, and it still exports.
//
// The page is served by a server of this test's own, which the test stops:
// the network is then really gone, for the page and the service worker alike.
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { CanvasEditor } from '../pages/canvas-editor';
import { Planner } from '../pages/planner';

test.use({ locale: 'en-US' });

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function serveDist(port: number): Promise<ChildProcess> {
  const script = fileURLToPath(new URL('../serve-dist.mjs', import.meta.url));
  const server = spawn(process.execPath, [script, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.stdout!.once('data', () => resolve());
  });
  return server;
}

test('the planner opens offline with the autosaved design once it was opened online', async ({ page }, testInfo) => {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}/`;
  let server: ChildProcess | undefined = await serveDist(port);
  try {
    const planner = new Planner(page);
    await page.goto(origin);
    await expect(planner.header).toBeVisible();
    await planner.openSample('article-peering');
    const editor = new CanvasEditor(page);
    await expect(editor.nodes).toHaveCount(2);

    // The worker is in charge once it has cached every file the build lists.
    const files: string[] = await (await page.request.get(`${origin}offline-files.json`)).json().then((m) => m.files);
    expect(files).toContain('./');
    expect(files.some((file) => file.endsWith('.wasm'))).toBe(true);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
    const cached = await page.evaluate(async () => {
      const names = (await caches.keys()).filter((name) => name.startsWith('vpcplan-'));
      const cache = await caches.open(names[0]);
      return { names, urls: (await cache.keys()).map((request) => new URL(request.url).pathname) };
    });
    expect(cached.names).toHaveLength(1);
    expect(cached.urls.sort()).toEqual(files.map((file) => (file === './' ? '/' : `/${file}`)).sort());

    server.kill();
    await new Promise((resolve) => server!.once('exit', resolve));
    server = undefined;
    const gone = await fetch(`${origin}offline-files.json`).then(
      () => false,
      () => true,
    );
    expect(gone, 'the server is down').toBe(true);

    await page.reload();
    await expect(planner.header).toBeVisible();
    await expect(editor.nodes).toHaveCount(2);
    await expect(page.locator('svg.design-canvas g.node').first()).toHaveAttribute('aria-label', /172\.31\.0\.0\/16|13\.0\.0\.0\/16/);
    await page.screenshot({ path: testInfo.outputPath('offline.png') });

    const dialog = await planner.openExport();
    await expect(dialog.preview).toContainText('AWSTemplateFormatVersion');
    expect(planner.consoleErrors).toEqual([]);
  } finally {
    server?.kill();
  }
});
