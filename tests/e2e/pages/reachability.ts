// Page object for the reachability view: two pickers, the verdict, the hops
// or the reasons, and the all-pairs table.
import { type Locator, type Page } from '@playwright/test';

export class ReachabilityView {
  readonly root: Locator;
  readonly from: Locator;
  readonly to: Locator;
  readonly result: Locator;
  readonly verdict: Locator;
  readonly hops: Locator;
  readonly reasons: Locator;
  readonly allPairs: Locator;
  readonly allPairsTable: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('section.reachability');
    this.from = this.root.locator('#reach-from');
    this.to = this.root.locator('#reach-to');
    this.result = this.root.locator('.reach-result');
    this.verdict = this.result.locator('.verdict');
    this.hops = this.result.locator('li.hop');
    this.reasons = this.result.locator('ul.reasons > li.reason');
    this.allPairs = this.root.locator('details.all-pairs');
    this.allPairsTable = this.allPairs.locator('table.all-pairs-table');
  }

  /** Picks the two nodes by their labels, such as `VPC A (172.31.0.0/16)`. */
  async pick(from: string, to: string): Promise<void> {
    await this.from.selectOption({ label: from });
    await this.to.selectOption({ label: to });
  }

  async openAllPairs(): Promise<void> {
    await this.allPairs.locator('summary').click();
  }
}
