// Page object for the validation panel: diagnostics grouped by severity.
import { type Locator, type Page } from '@playwright/test';

export type SeverityGroup = 'error' | 'warning' | 'info';

export class ValidationPanel {
  readonly root: Locator;
  readonly noProblems: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('section.validation-panel');
    this.noProblems = this.root.locator('.no-problems');
  }

  group(severity: SeverityGroup): Locator {
    return this.root.locator(`section.severity-group.${severity}`);
  }

  groupHeading(severity: SeverityGroup): Locator {
    return this.group(severity).locator('h3');
  }

  diagnostic(rule: string): Locator {
    return this.root.locator(`li.diagnostic[data-rule="${rule}"]`);
  }

  message(rule: string): Locator {
    return this.diagnostic(rule).locator('.message');
  }

  fix(rule: string): Locator {
    return this.diagnostic(rule).locator('.fix');
  }

  sourceLink(rule: string): Locator {
    return this.diagnostic(rule).locator('a.source');
  }

  /** Chooses a diagnostic, as a user does to see what it is about. */
  async choose(rule: string): Promise<void> {
    await this.diagnostic(rule).locator('button.diagnostic-summary').click();
  }
}
