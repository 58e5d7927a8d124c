// The planner's browser benchmarks (`cargo xtask bench`): not tests, and not
// part of `cargo xtask test`. Same browser and server as the journeys.
import { defineConfig } from '@playwright/test';

import base from '../playwright.config';

const port = Number(process.env.VPCPLAN_E2E_PORT ?? 4173);

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.bench.ts',
  outputDir: '../test-results/bench',
  timeout: 600_000,
  reporter: [['list']],
  use: { ...base.use, baseURL: `http://127.0.0.1:${port}` },
  webServer: {
    command: `node ../serve-dist.mjs ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 15_000,
  },
});
