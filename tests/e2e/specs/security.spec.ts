// The release build's Content-Security-Policy (xtask/src/csp.rs): a script
// that finds its way into the page (a name or file crafted to inject one, a
// compromised extension's insertion) does not run, and the browser reports
// the attempt; the planner's own loader, wasm, service worker and exporter's
// worker keep working under the same policy.
import { expect, test, type Page } from '@playwright/test';
import { Planner } from '../pages/planner';

test.use({ locale: 'en-US' });

/** Collects the page's policy violations from its first script on. */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
}

function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { violations: string[] }).violations);
}

test('the page carries a policy that allows its own loader by hash and nothing inline or eval', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  const policy = await page.locator('head meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const directives = new Map(
    (policy ?? '').split(';').map((directive) => {
      const [name, ...sources] = directive.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
  expect(directives.get('default-src')).toEqual(["'none'"]);
  const scripts = directives.get('script-src') ?? [];
  expect(scripts[0]).toBe("'self'");
  expect(scripts.at(-1)).toBe("'wasm-unsafe-eval'");
  // One hash per inline script of the page: trunk's module loader.
  const inline = await page.locator('script:not([src])').count();
  expect(scripts.filter((source) => /^'sha256-[A-Za-z0-9+/]+={0,2}'$/.test(source))).toHaveLength(inline);
  expect(scripts).toHaveLength(inline + 2);
  expect(directives.get('connect-src')).toEqual(["'self'"]);
  expect(policy).not.toContain("'unsafe-eval'");
  expect(directives.get('style-src')).toEqual(["'self'"]);
  // The policy comes before every script, so it governs them all.
  const order = await page.evaluate(() => {
    const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]')!;
    return [...document.scripts].every((script) => meta.compareDocumentPosition(script) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  expect(order).toBe(true);
});

test('an injected inline script, event handler or eval is refused and reported', async ({ page }) => {
  await recordViolations(page);
  const planner = new Planner(page);
  await planner.open();
  await planner.openSample('article-peering');
  expect(await violations(page)).toEqual([]);

  const outcome = await page.evaluate(async () => {
    const flags = window as unknown as Record<string, boolean>;
    const reported = new Promise<string>((resolve) => {
      document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective), { once: true });
    });
    const script = document.createElement('script');
    script.textContent = 'window.injectedScriptRan = true;';
    document.body.append(script);
    const directive = await reported;

    const image = document.createElement('img');
    image.setAttribute('onerror', 'window.injectedHandlerRan = true;');
    image.src = '/no-such-image.png';
    document.body.append(image);
    await new Promise((resolve) => image.addEventListener('error', resolve, { once: true }));

    let evalRefused = false;
    try {
      // eslint-disable-next-line no-eval
      window.eval('window.injectedEvalRan = true;');
    } catch (error) {
      evalRefused = error instanceof EvalError;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    return {
      directive,
      scriptRan: flags.injectedScriptRan === true,
      handlerRan: flags.injectedHandlerRan === true,
      evalRan: flags.injectedEvalRan === true,
      evalRefused,
    };
  });
  expect(outcome).toEqual({
    directive: 'script-src-elem',
    scriptRan: false,
    handlerRan: false,
    evalRan: false,
    evalRefused: true,
  });
  expect(await violations(page)).toEqual(
    expect.arrayContaining(['script-src-elem inline', 'script-src-attr inline', 'script-src eval']),
  );
  // The planner itself is unharmed.
  await expect(planner.designOverview).toBeVisible();
});

test('the service worker and the exporter work under the policy, with no violation', async ({ page }) => {
  await recordViolations(page);
  const planner = new Planner(page);
  await planner.open();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
  await planner.openSample('article-peering');
  const dialog = await planner.openExport();
  await expect(dialog.files).toHaveText([
    'cloudformation/111111111111-ap-northeast-1.yaml',
    'cloudformation/DEPLOY.md',
    'cloudformation/verify.sh',
    'cli/deploy.sh',
    'cli/teardown.sh',
    'cli/verify.sh',
  ]);
  await dialog.showFile('cli/deploy.sh');
  await expect(dialog.preview).toContainText('#!/usr/bin/env bash');
  expect(await violations(page)).toEqual([]);
  expect(planner.consoleErrors).toEqual([]);
});
