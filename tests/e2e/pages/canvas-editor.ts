// Page object for the canvas editor: palette, drawing, link chooser,
// inspector and design bar, named as a user would name what they do.
import { expect, type Locator, type Page } from '@playwright/test';

export type LinkKindSlug = 'peering' | 'interface-endpoint' | 'gateway-endpoint';

export class CanvasEditor {
  readonly drawing: Locator;
  readonly nodes: Locator;
  readonly links: Locator;
  /** The box-select rectangle, drawn with the other gesture previews in the layer over the drawing. */
  readonly brush: Locator;
  readonly palette: Locator;
  readonly chooser: Locator;
  readonly inspector: Locator;
  readonly bar: Locator;
  readonly undoButton: Locator;
  readonly redoButton: Locator;

  constructor(readonly page: Page) {
    this.drawing = page.locator('svg.design-canvas');
    this.nodes = this.drawing.locator('g.node');
    this.links = this.drawing.locator('g.link');
    this.brush = page.locator('svg.drag-layer rect.brush');
    this.palette = page.locator('section.palette');
    this.chooser = page.locator('section.link-chooser');
    this.inspector = page.locator('section.inspector');
    this.bar = page.locator('div.design-bar');
    this.undoButton = this.bar.locator('button.undo');
    this.redoButton = this.bar.locator('button.redo');
  }

  node(id: string): Locator {
    return this.drawing.locator(`g.node[data-node="${id}"]`);
  }

  linkOf(kind: LinkKindSlug): Locator {
    const cls = { peering: 'peering', 'interface-endpoint': 'interface', 'gateway-endpoint': 'gateway' }[kind];
    return this.drawing.locator(`g.link.${cls}`);
  }

  /** Clicks a palette entry, then the canvas at (x, y) pixels from its corner. */
  async place(entry: string, x: number, y: number): Promise<void> {
    if (entry.startsWith('aws:')) {
      const details = this.palette.locator('details.palette-aws');
      if (!(await details.evaluate((el) => (el as HTMLDetailsElement).open))) {
        await details.locator('summary').click();
      }
      await this.palette.getByLabel('Search AWS services').fill(entry.slice(4));
    }
    const before = await this.nodes.count();
    await this.palette.locator(`button[data-palette="${entry}"]`).click();
    await this.drawing.click({ position: { x, y } });
    await expect(this.nodes).toHaveCount(before + (entry === 'endpoint-service' ? 2 : 1));
  }

  async center(node: Locator): Promise<{ x: number; y: number }> {
    const box = await node.locator('rect').boundingBox();
    if (!box) throw new Error('node not drawn');
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  async select(node: Locator): Promise<void> {
    const { x, y } = await this.center(node);
    await this.page.mouse.click(x, y);
    await expect(node).toHaveClass(/selected/);
  }

  /** Drags a link from one node to another with the link tool; the chooser opens. */
  async drawLink(from: Locator, to: Locator): Promise<void> {
    await this.bar.locator('button.tool.link').click();
    const a = await this.center(from);
    const b = await this.center(to);
    await this.page.mouse.move(a.x, a.y);
    await this.page.mouse.down();
    await this.page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
    await this.page.mouse.move(b.x, b.y, { steps: 4 });
    await this.page.mouse.up();
    await expect(this.chooser).toBeVisible();
  }

  option(kind: LinkKindSlug): Locator {
    return this.chooser.locator(`li.link-option[data-kind="${kind}"]`);
  }

  async choose(kind: LinkKindSlug): Promise<void> {
    await this.option(kind).locator('button').click();
    await expect(this.chooser).toHaveCount(0);
  }

  /** Types into an inspector field (by its label) and commits it with Enter. */
  async setField(label: string, value: string): Promise<void> {
    const input = this.inspector.getByLabel(label, { exact: true });
    await input.fill(value);
    await input.press('Enter');
  }

  async undo(): Promise<void> {
    await this.undoButton.click();
  }

  /** Clicks the middle of a link's line, selecting it. */
  async selectLink(link: Locator): Promise<void> {
    const box = await link.locator('line.stroke').boundingBox();
    if (!box) throw new Error('link not drawn');
    await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(link).toHaveClass(/selected/);
  }

  /** Drags a palette entry onto the canvas at (x, y) pixels from its corner, as a mouse would. */
  async dragFromPalette(entry: string, x: number, y: number): Promise<void> {
    await this.palette.locator(`button[data-palette="${entry}"]`).dragTo(this.drawing, { targetPosition: { x, y } });
  }

  /** The pan (screen pixels) and zoom of the drawing, read from its transform. */
  async viewport(): Promise<{ x: number; y: number; zoom: number }> {
    const transform = (await this.drawing.locator(':scope > g').first().getAttribute('transform')) ?? '';
    const match = /translate\(([-\d.e]+) ([-\d.e]+)\) scale\(([-\d.e]+)\)/.exec(transform);
    if (!match) throw new Error(`unexpected transform ${transform}`);
    return { x: Number(match[1]), y: Number(match[2]), zoom: Number(match[3]) };
  }

  /** The corner of the drawing in page pixels. */
  async origin(): Promise<{ x: number; y: number }> {
    const box = await this.drawing.boundingBox();
    if (!box) throw new Error('drawing not shown');
    return { x: box.x, y: box.y };
  }

  /** A route table's group in the inspector, by its id. */
  routeTable(id: string): Locator {
    return this.inspector.locator(`fieldset.route-table[data-route-table="${id}"]`);
  }

  /**
   * The design as autosaved in the browser's local storage. The planner saves
   * a moment after each change, and at once when the page is hidden or left:
   * a `pagehide` event makes it save what is still pending first.
   */
  async savedDesign(): Promise<SavedDesign> {
    const text = await this.savedText();
    if (!text) throw new Error('nothing autosaved');
    return (JSON.parse(text) as { design: SavedDesign }).design;
  }

  /** The autosave's text, after anything pending was saved. */
  async savedText(): Promise<string | null> {
    return this.page.evaluate(() => {
      window.dispatchEvent(new PageTransitionEvent('pagehide'));
      return localStorage.getItem('vpcplan.design');
    });
  }

  /** The autosave's text as it is, without asking the planner to save. */
  async storedText(): Promise<string | null> {
    const text = await this.page.evaluate(() => localStorage.getItem('vpcplan.design'));
    return text;
  }
}

/** The parts of the saved design file the journeys look at. */
export interface SavedDesign {
  vpcs: {
    id: string;
    region?: string;
    ipv4_cidrs: string[];
    ipv6_cidrs?: string[];
    subnets: { id: string; ipv4_cidr?: string }[];
    route_tables: { id: string; name: string; main: boolean; subnets?: string[] }[];
    position: { x: number; y: number };
  }[];
  services: { id: string; region?: string; supported_regions?: string[]; supported_ip_address_types?: string[] }[];
  links: {
    id: string;
    kind: string;
    route_tables?: string[];
    ip_address_type?: string;
    dns_record_ip_type?: string;
    service_region?: string;
    subnets?: string[];
  }[];
}
