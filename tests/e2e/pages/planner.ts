// Page object for the planner: what a user sees and does, named as they would.
import { expect, type Locator, type Page } from '@playwright/test';
import { ExportDialog } from './export-dialog';
import { ReachabilityView } from './reachability';
import { ValidationPanel } from './validation-panel';

export type SampleId =
  | 'article-peering'
  | 'cross-account-cross-region-peering'
  | 'interface-endpoint-aws-service'
  | 'endpoint-service-nlb-cross-account'
  | 's3-gateway-endpoint'
  | 'mistake-overlapping-cidrs'
  | 'mistake-transitive-peering';

export class Planner {
  readonly header: Locator;
  readonly canvas: Locator;
  readonly sidePanel: Locator;
  readonly matrix: Locator;
  readonly matrixHeading: Locator;
  readonly samplesButton: Locator;
  readonly exportButton: Locator;
  readonly presentationToggle: Locator;
  readonly designOverview: Locator;
  readonly validation: ValidationPanel;
  readonly exportDialog: ExportDialog;
  readonly reachability: ReachabilityView;
  readonly consoleErrors: string[] = [];

  constructor(readonly page: Page) {
    this.header = page.locator('header.app-header');
    this.canvas = page.locator('section.canvas');
    this.sidePanel = page.locator('aside.side-panel');
    this.matrix = page.locator('table.comparison-matrix');
    this.matrixHeading = page.locator('#matrix-heading');
    this.samplesButton = this.header.locator('.samples-menu > button');
    this.exportButton = this.header.locator('button.export-button');
    this.presentationToggle = this.header.locator('button.presentation-toggle');
    this.designOverview = page.locator('section.design-overview');
    this.validation = new ValidationPanel(page);
    this.exportDialog = new ExportDialog(page);
    this.reachability = new ReachabilityView(page);
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => this.consoleErrors.push(`uncaught: ${error.message}`));
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.header).toBeVisible();
  }

  languageButton(name: 'English' | '日本語'): Locator {
    return this.header.getByRole('button', { name, exact: true });
  }

  async switchLanguage(name: 'English' | '日本語'): Promise<void> {
    await this.languageButton(name).click();
    await expect(this.languageButton(name)).toHaveAttribute('aria-pressed', 'true');
  }

  /** Opens a sample design from the Samples menu and waits for it to show. */
  async openSample(id: SampleId): Promise<void> {
    await this.samplesButton.click();
    await expect(this.samplesButton).toHaveAttribute('aria-expanded', 'true');
    await this.page.locator(`#samples-list button[data-sample="${id}"]`).click();
    await expect(this.samplesButton).toHaveAttribute('aria-expanded', 'false');
    await expect(this.designOverview).toBeVisible();
  }

  /** The overview row of a VPC, by its id in the design. */
  vpcRow(id: string): Locator {
    return this.designOverview.locator(`tr[data-vpc="${id}"]`);
  }

  async openExport(): Promise<ExportDialog> {
    await this.exportButton.click();
    await expect(this.exportDialog.root).toBeVisible();
    return this.exportDialog;
  }

  /** Chooses the comparison matrix column to highlight, by its radio label. */
  async highlightColumn(label: string): Promise<void> {
    await this.page.locator('fieldset.highlight-picker').getByLabel(label, { exact: true }).check();
  }
}
