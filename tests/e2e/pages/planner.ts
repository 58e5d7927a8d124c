// Page object for the planner: what a user sees and does, named as they would.
import { expect, type Locator, type Page } from '@playwright/test';

export class Planner {
  readonly header: Locator;
  readonly canvas: Locator;
  readonly sidePanel: Locator;
  readonly matrix: Locator;
  readonly consoleErrors: string[] = [];

  constructor(readonly page: Page) {
    this.header = page.locator('header.app-header');
    this.canvas = page.locator('section.canvas');
    this.sidePanel = page.locator('aside.side-panel');
    this.matrix = page.locator('table.comparison-matrix');
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
}
