// Page object for the lesson panel beside the canvas: the step, its goal's
// checklist, hints, the solution and reset buttons, and the way between steps.
import { expect, type Locator, type Page } from '@playwright/test';

export type LessonId =
  | 'peering-basics'
  | 'overlapping-cidrs'
  | 'peering-not-transitive'
  | 'interface-endpoint-ssm'
  | 'gateway-endpoint-s3'
  | 'endpoint-service-cross-account'
  | 'choose-the-pattern';

export class LessonPanel {
  readonly root: Locator;
  readonly heading: Locator;
  readonly counter: Locator;
  readonly instruction: Locator;
  readonly checks: Locator;
  /** The explanation and its sources, shown once the step's goal is met. */
  readonly success: Locator;
  readonly hints: Locator;
  readonly hintButton: Locator;
  readonly zoomButton: Locator;
  readonly solutionButton: Locator;
  readonly resetButton: Locator;
  readonly previousButton: Locator;
  readonly nextButton: Locator;
  readonly closeButton: Locator;
  readonly shareButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('section.lesson-panel');
    this.heading = this.root.locator('#lesson-heading');
    this.counter = this.root.locator('.lesson-counter');
    this.instruction = this.root.locator('.lesson-instruction');
    this.checks = this.root.locator('li.lesson-check');
    this.success = this.root.locator('section.lesson-success');
    this.hints = this.root.locator('.lesson-hint-list li');
    this.hintButton = this.root.locator('button.lesson-hint');
    this.zoomButton = this.root.locator('button.lesson-zoom');
    this.solutionButton = this.root.locator('button.lesson-solution');
    this.resetButton = this.root.locator('button.lesson-reset');
    this.previousButton = this.root.locator('button.lesson-previous');
    this.nextButton = this.root.locator('button.lesson-next');
    this.closeButton = this.root.locator('button.lesson-close');
    this.shareButton = this.root.locator('button.lesson-share');
  }

  /** Opens a lesson that ships with vpcplan from the Samples menu. */
  async open(id: LessonId): Promise<void> {
    const button = this.page.locator('header.app-header .samples-menu > button');
    await button.click();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await this.page.locator(`#samples-list button[data-lesson="${id}"]`).click();
    await expect(this.root).toHaveAttribute('data-lesson', id);
  }

  /** Waits for step `index` (from 0) with this title. */
  async expectStep(index: number, title: string): Promise<void> {
    await expect(this.root).toHaveAttribute('data-step', String(index));
    await expect(this.heading).toHaveText(title);
  }

  /** The checklist's ticks, in order. */
  async met(): Promise<boolean[]> {
    return (await this.checks.evaluateAll((items) => items.map((item) => item.getAttribute('data-met')))).map(
      (met) => met === 'true',
    );
  }

  async expectDone(): Promise<void> {
    await expect(this.root).toHaveClass(/\bdone\b/);
    await expect(this.success).toBeVisible();
  }

  async expectNotDone(): Promise<void> {
    await expect(this.root).not.toHaveClass(/\bdone\b/);
    await expect(this.success).toHaveCount(0);
  }

  async next(): Promise<void> {
    const step = Number(await this.root.getAttribute('data-step'));
    await this.nextButton.click();
    await expect(this.root).toHaveAttribute('data-step', String(step + 1));
  }
}
