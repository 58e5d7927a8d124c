// Page object for the export dialog: files, preview, copy, downloads, and the
// explicit choice a design with errors needs.
import { expect, type Download, type Locator, type Page } from '@playwright/test';

export class ExportDialog {
  readonly root: Locator;
  readonly closeButton: Locator;
  readonly errors: Locator;
  readonly exportAnyway: Locator;
  readonly blocked: Locator;
  readonly files: Locator;
  readonly preview: Locator;
  readonly previewHeading: Locator;
  readonly copyButton: Locator;
  readonly downloadAllButton: Locator;
  readonly notice: Locator;
  readonly busy: Locator;
  readonly preparing: Locator;
  readonly failure: Locator;
  readonly retryButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('dialog.export-dialog');
    this.closeButton = this.root.locator('.dialog-header button.close');
    this.errors = this.root.locator('section.export-errors li');
    this.exportAnyway = this.root.locator('.export-anyway input[type=checkbox]');
    this.blocked = this.root.locator('.export-blocked');
    this.files = this.root.locator('.file-list button.file');
    this.preview = this.root.locator('section.preview pre');
    this.previewHeading = this.root.locator('section.preview h3');
    this.copyButton = this.root.locator('section.preview button.copy');
    this.downloadAllButton = this.root.locator('button.download-all');
    this.notice = this.root.locator('.notice');
    this.busy = this.root.locator('.export-body[aria-busy=true]');
    this.preparing = this.root.locator('.export-preparing[role=status]');
    this.failure = this.root.locator('.export-failed[role=alert]');
    this.retryButton = this.failure.getByRole('button', { name: 'Try again', exact: true });
  }

  async chooseFormat(format: 'yaml' | 'json'): Promise<void> {
    await this.root.locator(`input[name="template-format"][value="${format}"]`).check();
  }

  file(path: string): Locator {
    return this.files.filter({ hasText: new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
  }

  /** Selects the file and waits until the preview holds it (the worker sends it). */
  async showFile(path: string): Promise<void> {
    await this.file(path).click();
    await expect(this.previewHeading).toContainText(path);
    await expect(this.preview).toHaveAttribute('aria-busy', 'false');
  }

  async download(path: string): Promise<Download> {
    const saved = this.page.waitForEvent('download');
    await this.root.getByRole('button', { name: `Download ${path}`, exact: true }).click();
    return saved;
  }

  async downloadAll(): Promise<Download> {
    const saved = this.page.waitForEvent('download');
    await this.downloadAllButton.click();
    return saved;
  }
}
