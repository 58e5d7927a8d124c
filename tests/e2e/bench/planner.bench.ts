// Browser benchmarks of the planner on a 500-node design (docs/benchmarks.md,
// "Planner in the browser"): the frame after each pointermove of a drag, the
// frame after a press that selects a node, the frame after an edit (validate
// and render), cold load to interactive, and the export dialog: the frame
// after the click that (re)opens it, the time until its files and the preview
// of the first show, and the longest main-thread task while the export runs
// in the worker (of every open, of the first opens and of the reopens).
//
// Latency of an event = from the event's `timeStamp` (when the browser
// received the input) to the end of the first frame painted after it: a
// capture listener on `window` sees the event before the app does and asks
// for the next animation frame; a task posted from that frame's
// `requestAnimationFrame` callback runs once the frame's style, layout and
// paint are done. Every event is sent only after the previous one's frame was
// painted, so no latency includes a queue of earlier events.
//
// Run by `cargo xtask bench`, which builds the release site, writes the
// design (VPCPLAN_BENCH_DESIGN) and collects the raw numbers (VPCPLAN_BENCH_OUT).
import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadavg } from 'node:os';

const designFile = process.env.VPCPLAN_BENCH_DESIGN;
const outFile = process.env.VPCPLAN_BENCH_OUT;
const runs = Number(process.env.VPCPLAN_BENCH_RUNS ?? 3);
const movesPerRun = Number(process.env.VPCPLAN_BENCH_MOVES ?? 240);
const editsPerRun = Number(process.env.VPCPLAN_BENCH_EDITS ?? 10);
const loadsPerDesign = Number(process.env.VPCPLAN_BENCH_LOADS ?? 7);
const AUTOSAVE_KEY = 'vpcplan.design';
/** The grid step at zoom 1: every move of this size moves the node. */
const GRID = 20;

type Sample = { timeStamp: number; handlerStart: number; painted: number };

interface Scenario {
  name: string;
  /** What one sample is. */
  unit: string;
  /** Milliseconds per sample, one array per run. */
  runs: number[][];
  /** The part from the app's handler starting to the painted frame. */
  processing: number[][];
  goal?: number;
}

const results: Scenario[] = [];
const loadSamples: number[] = [];

function scenario(name: string, unit: string, goal?: number): Scenario {
  const found = results.find((s) => s.name === name);
  if (found) return found;
  const created: Scenario = { name, unit, runs: [], processing: [], goal };
  results.push(created);
  return created;
}

function record(target: Scenario, samples: Sample[]): void {
  target.runs.push(samples.map((s) => s.painted - s.timeStamp));
  target.processing.push(samples.map((s) => s.painted - s.handlerStart));
}

// Installed before the app's scripts in every page.
const probe = () => {
  type Pending = { timeStamp: number; handlerStart: number; painted: number };
  const state = { armed: null as string | null, samples: [] as Pending[] };
  const afterNextPaint = () =>
    new Promise<number>((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      }),
    );
  // Every main-thread task of 50 ms or more (the Long Tasks API reports
  // no shorter ones).
  const longTasks: { start: number; duration: number }[] = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No Long Tasks API: the export scenario fails on its check below.
  }
  for (const type of ['pointermove', 'pointerdown', 'keydown', 'change', 'click']) {
    addEventListener(
      type,
      (event) => {
        if (state.armed !== type) return;
        // Ctrl+Z is two keydowns; the edit is the second.
        if (event instanceof KeyboardEvent && ['Control', 'Shift', 'Alt', 'Meta'].includes(event.key)) return;
        const handlerStart = performance.now();
        const timeStamp = event.timeStamp;
        void afterNextPaint().then((painted) => state.samples.push({ timeStamp, handlerStart, painted }));
      },
      { capture: true },
    );
  }
  (window as unknown as { vpcplanBench: unknown }).vpcplanBench = {
    arm(type: string | null) {
      state.armed = type;
      state.samples = [];
    },
    count: () => state.samples.length,
    samples: () => state.samples,
    longTasks: () => longTasks,
    longTasksObserved: () => PerformanceObserver.supportedEntryTypes.includes('longtask'),
  };
};

async function waitForSamples(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) => (window as unknown as { vpcplanBench: { count(): number } }).vpcplanBench.count() >= n,
    count,
    { polling: 'raf' },
  );
}

async function arm(page: Page, type: string | null): Promise<void> {
  await page.evaluate((t) => (window as unknown as { vpcplanBench: { arm(t: string | null): void } }).vpcplanBench.arm(t), type);
}

async function samples(page: Page): Promise<Sample[]> {
  return page.evaluate(() => (window as unknown as { vpcplanBench: { samples(): Sample[] } }).vpcplanBench.samples());
}

/** A fresh context (no HTTP cache) whose local storage holds `design` as the autosave. */
async function openPlanner(browser: Browser, baseURL: string, design: string | null): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 800 },
    storageState: {
      cookies: [],
      origins: design === null ? [] : [{ origin: baseURL, localStorage: [{ name: AUTOSAVE_KEY, value: design }] }],
    },
  });
  await context.addInitScript(probe);
  const page = await context.newPage();
  await page.goto('/');
  await page.waitForFunction(() => performance.getEntriesByName('vpcplan:interactive').length > 0);
  return page;
}

/**
 * Waits until no main-thread task of 50 ms or more has ended for `quietMs`:
 * the parts the page renders once the browser is idle (the design overview's
 * rows, in parts) come first, and on a busy machine they take longer than any
 * fixed wait.
 */
async function settled(page: Page, quietMs = 3000, maxMs = 60_000): Promise<void> {
  await page.waitForFunction(
    (quiet) => {
      const bench = (window as unknown as { vpcplanBench: { longTasks(): { start: number; duration: number }[] } }).vpcplanBench;
      const last = Math.max(0, ...bench.longTasks().map((task) => task.start + task.duration));
      return performance.now() - last >= quiet;
    },
    quietMs,
    { polling: 250, timeout: maxMs },
  );
}

function readDesign(): string {
  if (!designFile) throw new Error('VPCPLAN_BENCH_DESIGN must name the design file to restore (cargo xtask bench sets it)');
  return readFileSync(designFile, 'utf8');
}

test.describe.configure({ mode: 'serial' });

test('drag one node on a 500-node design', async ({ browser, baseURL }) => {
  const design = readDesign();
  const drag = scenario('drag, pointermove to painted frame', 'move', 16);
  const dragStart = scenario('drag start (first move), to painted frame', 'move');
  for (let run = 0; run < runs; run++) {
    const page = await openPlanner(browser, baseURL!, design);
    await expect(page.locator('svg.design-canvas g.node')).toHaveCount(500);
    const node = page.locator('svg.design-canvas g.node[data-node="vpc-41"] rect');
    const box = await node.boundingBox();
    if (!box) throw new Error('vpc-41 is not drawn');
    const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    // The first move past the drag threshold starts the drag: the moved
    // node and its links leave the drawing for the drag layer, once.
    await arm(page, 'pointermove');
    await page.mouse.move(start.x + GRID, start.y);
    await waitForSamples(page, 1);
    record(dragStart, await samples(page));
    // Let the compositor finish that frame's rasterisation: the steady drag
    // is measured on its own.
    await page.waitForTimeout(1000);
    await arm(page, 'pointermove');
    for (let i = 0; i < movesPerRun; i++) {
      // Back and forth over ten grid steps: every move crosses one.
      const phase = i % 20;
      const steps = phase < 10 ? phase + 2 : 20 - phase;
      await page.mouse.move(start.x + steps * GRID, start.y + (i % 2) * GRID);
      await waitForSamples(page, i + 1);
    }
    record(drag, await samples(page));
    await arm(page, null);
    await page.mouse.up();
    await page.context().close();
  }
});

test('select a node by pressing it on a 500-node design', async ({ browser, baseURL }) => {
  const design = readDesign();
  const press = scenario('press that selects a node, to painted frame', 'press');
  for (let run = 0; run < runs; run++) {
    const page = await openPlanner(browser, baseURL!, design);
    const drawing = page.locator('svg.design-canvas');
    await expect(drawing.locator('g.node')).toHaveCount(500);
    const pressSamples: Sample[] = [];
    // Two neighbours near the corner where the endpoint links meet, in turn.
    for (let i = 0; i < editsPerRun; i++) {
      const id = i % 2 === 0 ? 'vpc-41' : 'vpc-42';
      const box = await drawing.locator(`g.node[data-node="${id}"] rect`).boundingBox();
      if (!box) throw new Error(`${id} is not drawn`);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await arm(page, 'pointerdown');
      await page.mouse.down();
      await waitForSamples(page, 1);
      pressSamples.push(...(await samples(page)));
      await arm(page, null);
      await page.mouse.up();
      await expect(drawing.locator(`g.node[data-node="${id}"]`)).toHaveClass(/selected/);
      // Let the release's frame be rasterised: each press is measured alone.
      await page.waitForTimeout(300);
    }
    press.runs.push(pressSamples.map((s) => s.painted - s.timeStamp));
    press.processing.push(pressSamples.map((s) => s.painted - s.handlerStart));
    await page.context().close();
  }
});

test('edits on a 500-node design: validate and render', async ({ browser, baseURL }) => {
  const design = readDesign();
  const cidr = scenario('edit a VPC CIDR in the inspector, to painted frame', 'edit');
  const add = scenario('add a VPC (click to place), to painted frame', 'edit');
  const undo = scenario('undo (Ctrl+Z), to painted frame', 'edit');
  for (let run = 0; run < runs; run++) {
    const page = await openPlanner(browser, baseURL!, design);
    const drawing = page.locator('svg.design-canvas');
    await expect(drawing.locator('g.node')).toHaveCount(500);

    // vpc-1 peers vpc-5: giving it vpc-5's CIDR makes PEER-001 fire, the
    // next edit puts its own CIDR back.
    const box = await drawing.locator('g.node[data-node="vpc-1"] rect').boundingBox();
    if (!box) throw new Error('vpc-1 is not drawn');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const field = page.locator('section.inspector').getByLabel('IPv4 CIDR (primary)', { exact: true });
    await expect(field).toHaveValue('10.0.4.0/22');
    const errorLinks = await drawing.locator('g.link.error').count();
    await arm(page, 'change');
    // An even number of edits, so the design ends as it started.
    for (let i = 0; i < 2 * Math.ceil(editsPerRun / 2); i++) {
      const value = i % 2 === 0 ? '10.0.20.0/22' : '10.0.4.0/22';
      await field.evaluate((input, v) => {
        (input as HTMLInputElement).value = v;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }, value);
      await waitForSamples(page, i + 1);
      await expect(field).toHaveValue(value);
    }
    await expect(drawing.locator('g.link.error')).toHaveCount(errorLinks);
    record(cidr, await samples(page));

    // Place a VPC on empty canvas below the design, then undo it.
    const canvasBox = await drawing.boundingBox();
    if (!canvasBox) throw new Error('the canvas is not drawn');
    const addSamples: Sample[] = [];
    const undoSamples: Sample[] = [];
    const vpcButton = page.locator('section.palette button[data-palette="vpc"]');
    const at = { x: canvasBox.x + canvasBox.width - 40, y: canvasBox.y + canvasBox.height - 40 };
    for (let i = 0; i < editsPerRun; i++) {
      await vpcButton.click();
      await arm(page, 'pointerdown');
      await page.mouse.click(at.x, at.y);
      await waitForSamples(page, 1);
      addSamples.push(...(await samples(page)));
      await expect(drawing.locator('g.node')).toHaveCount(501);
      await arm(page, 'keydown');
      await page.keyboard.press('Control+z');
      await waitForSamples(page, 1);
      undoSamples.push(...(await samples(page)));
      await expect(drawing.locator('g.node')).toHaveCount(500);
    }
    add.runs.push(addSamples.map((s) => s.painted - s.timeStamp));
    add.processing.push(addSamples.map((s) => s.painted - s.handlerStart));
    undo.runs.push(undoSamples.map((s) => s.painted - s.timeStamp));
    undo.processing.push(undoSamples.map((s) => s.painted - s.handlerStart));
    await page.context().close();
  }
});

test('cold load to interactive', async ({ browser, baseURL }) => {
  const design = readDesign();
  const empty = scenario('cold load to interactive, empty design', 'load', 300);
  const large = scenario('cold load to interactive, 500-node design restored', 'load', 300);
  for (const [target, stored, nodes] of [
    [empty, null, 0],
    [large, design, 500],
  ] as const) {
    const times: number[] = [];
    for (let i = 0; i < loadsPerDesign; i++) {
      const page = await openPlanner(browser, baseURL!, stored);
      times.push(
        await page.evaluate(() => performance.getEntriesByName('vpcplan:interactive')[0].startTime),
      );
      await expect(page.locator('svg.design-canvas g.node')).toHaveCount(nodes);
      await page.context().close();
    }
    target.runs.push(times);
    target.processing.push([]);
  }
  loadSamples.push(...loadavg());
});

test('export dialog on a 500-node design', async ({ browser, baseURL }) => {
  const design = readDesign();
  const first = scenario('first open of the export dialog (worker starts), click to files shown', 'open');
  const reopen = scenario('reopen the export dialog, click to painted frame', 'open');
  const reopenFiles = scenario('reopen the export dialog, click to files shown', 'open');
  // Every open, then the first opens and the reopens apart.
  const longest = scenario('longest main-thread task while the dialog exports (0: none ≥ 50 ms)', 'export', 50);
  const longestFirst = scenario('  of which first opens', 'export', 50);
  const longestReopen = scenario('  of which reopens', 'export', 50);
  type Bench = {
    longTasks(): { start: number; duration: number }[];
    longTasksObserved(): boolean;
  };
  // The list of files and the preview of the selected file, both shown (the
  // preview is busy until the worker has sent its file).
  const filesShown = (page: Page) =>
    page.waitForFunction(() => {
      const file = document.querySelector('dialog.export-dialog .file-list button.file');
      const preview = document.querySelector('dialog.export-dialog section.preview pre:not([aria-busy="true"])');
      return file === null || preview === null ? false : performance.now();
    }, undefined, { polling: 'raf', timeout: 120_000 });
  const longestTask = (page: Page, from: number, to: number) =>
    page.evaluate(
      ([from, to]) =>
        Math.max(
          0,
          ...(window as unknown as { vpcplanBench: Bench }).vpcplanBench
            .longTasks()
            .filter((task) => task.start + task.duration > from && task.start < to)
            .map((task) => task.duration),
        ),
      [from, to],
    );
  for (let run = 0; run < runs; run++) {
    const page = await openPlanner(browser, baseURL!, design);
    expect(await page.evaluate(() => (window as unknown as { vpcplanBench: Bench }).vpcplanBench.longTasksObserved())).toBe(true);
    await expect(page.locator('svg.design-canvas g.node')).toHaveCount(500);
    // Let the parts rendered once the browser is idle arrive first.
    await settled(page);
    const button = page.locator('header button.export-button');
    const dialog = page.locator('dialog.export-dialog');
    const close = dialog.locator('.dialog-header button.close');
    const firstTimes: number[] = [];
    const frames: number[] = [];
    const shown: number[] = [];
    const tasks: number[] = [];
    for (let i = 0; i <= editsPerRun; i++) {
      await arm(page, 'click');
      await button.click();
      await waitForSamples(page, 1);
      const [sample] = await samples(page);
      await arm(page, null);
      const at = (await (await filesShown(page)).jsonValue()) as number;
      // The files' own frame, and any task the reply left behind.
      await page.waitForTimeout(200);
      tasks.push(await longestTask(page, sample.timeStamp, at + 200));
      if (process.env.VPCPLAN_BENCH_VERBOSE) {
        const all = await page.evaluate(() => (window as unknown as { vpcplanBench: Bench }).vpcplanBench.longTasks());
        console.log(`open ${i}: click ${sample.timeStamp.toFixed(0)}, frame +${(sample.painted - sample.timeStamp).toFixed(0)}, files +${(at - sample.timeStamp).toFixed(0)}; long tasks`, all.filter((t) => t.start + t.duration > sample.timeStamp && t.start < at + 200).map((t) => `+${(t.start - sample.timeStamp).toFixed(0)} ${t.duration.toFixed(0)} ms`).join(', '));
      }
      if (i === 0) {
        firstTimes.push(at - sample.timeStamp);
      } else {
        frames.push(sample.painted - sample.timeStamp);
        shown.push(at - sample.timeStamp);
      }
      await close.click();
      await expect(dialog).toHaveCount(0);
      await page.waitForTimeout(300);
    }
    first.runs.push(firstTimes);
    first.processing.push([]);
    reopen.runs.push(frames);
    reopen.processing.push([]);
    reopenFiles.runs.push(shown);
    reopenFiles.processing.push([]);
    longest.runs.push(tasks);
    longest.processing.push([]);
    longestFirst.runs.push(tasks.slice(0, 1));
    longestFirst.processing.push([]);
    longestReopen.runs.push(tasks.slice(1));
    longestReopen.processing.push([]);
    await page.context().close();
  }
});

// The same opens with a Chromium trace (CDP `Tracing`): each main-thread
// task's thread CPU time (`tdur`), which a busy machine does not inflate as
// it does the Long Tasks API's wall-clock durations. Tasks that carry only
// the DevTools protocol (Playwright's own commands) are left out.
test('export dialog on a 500-node design, traced', async ({ browser, baseURL }) => {
  const design = readDesign();
  const cpu = scenario('longest main-thread task while the dialog exports, CPU time (trace)', 'export', 50);
  const cpuFirst = scenario('  of which first opens (CPU time)', 'export', 50);
  const cpuReopen = scenario('  of which reopens (CPU time)', 'export', 50);
  type TraceEvent = {
    name: string;
    cat?: string;
    ph: string;
    pid: number;
    tid: number;
    ts: number;
    dur?: number;
    tdur?: number;
    args?: { name?: string; chrome_mojo_event_info?: { mojo_interface_tag?: string } };
  };
  for (let run = 0; run < runs; run++) {
    const page = await openPlanner(browser, baseURL!, design);
    await expect(page.locator('svg.design-canvas g.node')).toHaveCount(500, { timeout: 30_000 });
    await settled(page);
    const cdp = await page.context().newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (data) => events.push(...(data.value as TraceEvent[])));
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', {
      traceConfig: { includedCategories: ['toplevel', 'mojom', 'devtools.timeline', 'blink.user_timing'] },
      transferMode: 'ReportEvents',
    });
    const button = page.locator('header button.export-button');
    const dialog = page.locator('dialog.export-dialog');
    for (let i = 0; i <= editsPerRun; i++) {
      await page.evaluate((i) => performance.mark(`bench:export-${i}:start`), i);
      await button.click();
      await page.waitForFunction(
        () =>
          document.querySelector('dialog.export-dialog .file-list button.file') !== null &&
          document.querySelector('dialog.export-dialog section.preview pre:not([aria-busy="true"])') !== null,
        undefined,
        { polling: 'raf', timeout: 120_000 },
      );
      await page.waitForTimeout(200);
      await page.evaluate((i) => performance.mark(`bench:export-${i}:end`), i);
      await dialog.locator('.dialog-header button.close').click();
      await expect(dialog).toHaveCount(0);
      await page.waitForTimeout(300);
    }
    await cdp.send('Tracing.end');
    await complete;
    const mainThreads = new Set(
      events
        .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
        .map((e) => `${e.pid}:${e.tid}`),
    );
    const main = events.filter((e) => e.ph === 'X' && mainThreads.has(`${e.pid}:${e.tid}`));
    const tasks = main.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');
    const outer = tasks.filter(
      (task) => !tasks.some((other) => other !== task && other.ts <= task.ts && other.ts + other.dur! >= task.ts + task.dur!),
    );
    const protocolOnly = (task: TraceEvent) =>
      main.some(
        (e) =>
          e.name === 'Receive mojo message' &&
          e.ts >= task.ts &&
          e.ts <= task.ts + task.dur! &&
          e.args?.chrome_mojo_event_info?.mojo_interface_tag === 'blink.mojom.DevToolsSession',
      );
    const mark = (name: string) => events.find((e) => e.name === name && e.cat?.includes('blink.user_timing'))?.ts;
    const longest: number[] = [];
    for (let i = 0; i <= editsPerRun; i++) {
      const [from, to] = [mark(`bench:export-${i}:start`), mark(`bench:export-${i}:end`)];
      if (from === undefined || to === undefined) throw new Error(`open ${i}: its marks are not in the trace`);
      const during = outer.filter((task) => task.ts + task.dur! > from && task.ts < to && !protocolOnly(task));
      const cpuMs = during.map((task) => (task.tdur ?? task.dur!) / 1000);
      longest.push(Math.max(0, ...cpuMs));
      if (process.env.VPCPLAN_BENCH_VERBOSE) {
        const listed = during
          .filter((task) => (task.tdur ?? 0) >= 5000)
          .map((task) => `+${((task.ts - from) / 1000).toFixed(0)} ${((task.tdur ?? 0) / 1000).toFixed(1)} ms cpu (${(task.dur! / 1000).toFixed(0)} wall)`);
        console.log(`traced open ${i}: tasks of 5 ms CPU or more`, listed.join(', '));
      }
    }
    for (const [target, values] of [
      [cpu, longest],
      [cpuFirst, longest.slice(0, 1)],
      [cpuReopen, longest.slice(1)],
    ] as const) {
      target.runs.push(values.map((ms) => Math.round(ms * 10) / 10));
      target.processing.push([]);
    }
    await page.context().close();
  }
});

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

test.afterAll(async ({ browser }) => {
  const fmt = (ms: number) => (Number.isNaN(ms) ? '—' : ms.toFixed(1));
  const lines = [
    '',
    `${'scenario'.padEnd(58)} ${'n'.padStart(5)} ${'median'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}  per run (median)  goal`,
  ];
  const report = results.map((s) => {
    const all = summary(s.runs.flat());
    const perRun = s.runs.map((r) => summary(r));
    const processing = summary(s.processing.flat());
    lines.push(
      `${s.name.padEnd(58)} ${String(all.n).padStart(5)} ${fmt(all.median).padStart(7)} ${fmt(all.p95).padStart(7)} ${fmt(all.max).padStart(7)}  ${perRun.map((r) => fmt(r.median)).join(' / ').padEnd(16)}  ${s.goal ? `≤ ${s.goal} ms` : ''}`,
    );
    if (processing.n > 0) {
      lines.push(
        `${'  of which handler start to painted frame'.padEnd(58)} ${String(processing.n).padStart(5)} ${fmt(processing.median).padStart(7)} ${fmt(processing.p95).padStart(7)} ${fmt(processing.max).padStart(7)}`,
      );
    }
    return { ...s, summary: all, perRun, processingSummary: processing };
  });
  console.log(lines.join('\n'));
  if (outFile) {
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(
      outFile,
      JSON.stringify(
        {
          date: new Date().toISOString(),
          chromium: browser.version(),
          loadAverageAfter: loadSamples,
          loadAverageAtEnd: loadavg(),
          design: designFile,
          scenarios: report,
        },
        null,
        1,
      ),
    );
    console.log(`raw numbers: ${outFile}`);
  }
});
