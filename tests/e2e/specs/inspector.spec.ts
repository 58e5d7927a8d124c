// Journeys through the inspector: route tables and their subnets, a gateway
// endpoint on chosen route tables, an interface endpoint's IP address type,
// a cross-Region endpoint service fixed where PL-007 says, services and
// accounts, and bad input flagged at its field without touching the design.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { CanvasEditor } from '../pages/canvas-editor';
import { Planner } from '../pages/planner';

test.use({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });

test('a route table is made, a subnet associated, and a gateway endpoint attached to it', async ({ page }, testInfo) => {
  const planner = new Planner(page);
  await planner.open();
  const editor = new CanvasEditor(page);
  await editor.place('vpc', 60, 80);
  await editor.place('aws:s3', 560, 60);
  await editor.select(editor.nodes.nth(0));
  await expect(editor.inspector.locator('fieldset.route-table')).toHaveCount(1);

  await editor.setField('New route table (name)', 'private');
  await expect(editor.inspector.locator('fieldset.route-table')).toHaveCount(2);
  let vpc = (await editor.savedDesign()).vpcs[0];
  const [main, added] = vpc.route_tables;
  expect(added).toMatchObject({ name: 'private', main: false });
  const subnet = vpc.subnets[0].id;

  const table = editor.routeTable(added.id);
  await table.getByRole('checkbox', { name: /^private-a 10\.0\.0\.0\/24/ }).check();
  await expect.poll(async () => (await editor.savedDesign()).vpcs[0].route_tables[1].subnets).toEqual([subnet]);
  await expect(table.getByRole('checkbox', { name: /^private-a/ })).toBeChecked();

  // The main table cannot stop being main by itself: flagged in its group, nothing applied.
  const before = await editor.savedDesign();
  const mainBox = editor.routeTable(main.id).getByRole('checkbox', { name: 'Main route table' });
  await mainBox.click();
  await expect(editor.routeTable(main.id).locator('.field-error')).toContainText('main table');
  await expect(mainBox).toBeChecked();
  expect(await editor.savedDesign()).toEqual(before);

  // The gateway endpoint starts on every table; it is taken off the main one.
  await editor.drawLink(editor.nodes.nth(0), editor.nodes.nth(1));
  await editor.choose('gateway-endpoint');
  const link = editor.linkOf('gateway-endpoint');
  await editor.selectLink(link);
  const tables = editor.inspector.getByRole('group', { name: 'Route tables' });
  await expect(tables.getByRole('checkbox')).toHaveCount(2);
  await tables.getByRole('checkbox', { name: `main (${main.id})` }).uncheck();
  await expect.poll(async () => (await editor.savedDesign()).links[0].route_tables).toEqual([added.id]);
  await expect(tables.getByRole('checkbox', { name: `private (${added.id})` })).toBeChecked();
  const gatewayIpType = editor.inspector.getByRole('group', { name: 'IP address type' });
  await gatewayIpType.getByRole('radio', { name: 'Dual-stack' }).check();
  await expect.poll(async () => (await editor.savedDesign()).links[0].ip_address_type).toBe('dualstack');
  expect((await editor.savedDesign()).links[0].route_tables).toEqual([added.id]);
  await page.screenshot({ path: testInfo.outputPath('gateway-route-tables.png') });
  await editor.undo();
  await expect.poll(async () => (await editor.savedDesign()).links[0].ip_address_type ?? 'ipv4').toBe('ipv4');

  await editor.undo();
  await expect.poll(async () => (await editor.savedDesign()).links[0].route_tables).toEqual([main.id, added.id]);
  await expect(tables.getByRole('checkbox', { name: `main (${main.id})` })).toBeChecked();

  await planner.switchLanguage('日本語');
  await expect(editor.inspector.getByRole('group', { name: 'ルートテーブル' })).toBeVisible();
  await editor.select(editor.nodes.nth(0));
  await expect(editor.routeTable(added.id).getByRole('checkbox', { name: 'メインルートテーブル' })).not.toBeChecked();
  await expect(editor.inspector.getByLabel('新しいルートテーブル (名前)', { exact: true })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('route-tables-ja.png') });
  const { violations } = await new AxeBuilder({ page }).include('section.inspector').analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  vpc = (await editor.savedDesign()).vpcs[0];
  expect(vpc.route_tables.map((t) => t.main)).toEqual([true, false]);
  expect(planner.consoleErrors).toEqual([]);
});

test("an interface endpoint's IP address type is chosen in the inspector", async ({ page }, testInfo) => {
  const planner = new Planner(page);
  await planner.open();
  const editor = new CanvasEditor(page);
  await editor.place('vpc', 60, 80);
  await editor.place('aws:sqs', 560, 60);
  await editor.drawLink(editor.nodes.nth(0), editor.nodes.nth(1));
  await editor.choose('interface-endpoint');
  await editor.selectLink(editor.linkOf('interface-endpoint'));
  const ipType = editor.inspector.getByRole('group', { name: 'IP address type' });
  await expect(ipType.getByRole('radio', { name: 'IPv4' })).toBeChecked();

  await ipType.getByRole('radio', { name: 'Dual-stack' }).check();
  await expect.poll(async () => (await editor.savedDesign()).links[0].ip_address_type).toBe('dualstack');
  await expect(ipType.getByRole('radio', { name: 'Dual-stack' })).toBeChecked();
  // The other options of the endpoint are kept.
  const link = (await editor.savedDesign()).links[0];
  expect(link.subnets?.length).toBeGreaterThan(0);
  await expect(editor.inspector.getByRole('checkbox', { name: 'Private DNS' })).toBeChecked();
  await page.screenshot({ path: testInfo.outputPath('interface-ip-type.png') });

  await editor.undo();
  await expect.poll(async () => (await editor.savedDesign()).links[0].ip_address_type).toBe('ipv4');
  await expect(ipType.getByRole('radio', { name: 'IPv4' })).toBeChecked();

  await planner.switchLanguage('日本語');
  const ja = editor.inspector.getByRole('group', { name: 'IPアドレスタイプ' });
  await ja.getByRole('radio', { name: 'デュアルスタック' }).check();
  await expect.poll(async () => (await editor.savedDesign()).links[0].ip_address_type).toBe('dualstack');
  expect(planner.consoleErrors).toEqual([]);
});

test('a cross-Region endpoint service is fixed in the inspector where PL-007 says', async ({ page }, testInfo) => {
  const planner = new Planner(page);
  await planner.open();
  const editor = new CanvasEditor(page);
  await editor.place('endpoint-service', 60, 80);
  await editor.place('vpc', 60, 460);
  const service = editor.nodes.filter({ hasText: 'endpoint service' });
  const consumer = editor.nodes.filter({ hasNotText: /provider|endpoint service/ });
  await editor.drawLink(consumer, service);
  await editor.choose('interface-endpoint');
  const pl007 = planner.validation.diagnostic('PL-007');
  await expect(pl007).toHaveCount(0);

  // The endpoint service moves to another Region with its provider VPC, the
  // endpoint names the new Region, and PL-007 says the provider does not
  // list the consumer's Region.
  await editor.select(service);
  await editor.setField('Region', 'us-east-1');
  await expect(pl007).toHaveCount(1);
  await expect(planner.validation.message('PL-007')).toContainText('ap-northeast-1');
  let design = await editor.savedDesign();
  expect(design.links[0].service_region).toBe('us-east-1');
  expect(design.vpcs.map((v) => v.region)).toEqual(['us-east-1', 'ap-northeast-1']);
  await expect(editor.nodes.filter({ hasText: 'provider' })).toContainText('us-east-1');

  const regions = 'Other Regions consumers may connect from (codes, comma-separated)';
  await editor.setField(regions, 'ap-northeast-1, mars-1');
  const invalid = editor.inspector.locator('label.field.invalid');
  await expect(invalid.locator('.field-error')).toContainText('mars-1');
  await expect(invalid.locator('input')).toHaveValue('ap-northeast-1, mars-1');
  expect(await editor.savedDesign()).toEqual(design);
  await editor.setField(regions, 'ap-northeast-1');
  await expect(pl007).toHaveCount(0);
  design = await editor.savedDesign();
  expect(design.services.find((s) => s.supported_regions)?.supported_regions).toEqual(['ap-northeast-1']);

  // The last supported IP address type cannot go.
  const families = editor.inspector.getByRole('group', { name: 'Supported IP address types' });
  await families.getByRole('checkbox', { name: 'IPv6' }).check();
  await families.getByRole('checkbox', { name: 'IPv4' }).uncheck();
  // A click, not uncheck(): the refused change puts the box back.
  await families.getByRole('checkbox', { name: 'IPv6' }).click();
  await expect(families.locator('.field-error')).toContainText('IPv4, IPv6 or both');
  await expect(families.getByRole('checkbox', { name: 'IPv6' })).toBeChecked();
  await expect
    .poll(async () => (await editor.savedDesign()).services.find((s) => s.supported_ip_address_types)?.supported_ip_address_types)
    .toEqual(['ipv6']);
  await page.screenshot({ path: testInfo.outputPath('endpoint-service-regions.png') });

  // The endpoint's own settings: its service Region and DNS record IP type.
  await editor.selectLink(editor.linkOf('interface-endpoint'));
  const serviceRegion = editor.inspector.getByLabel("Service Region (cross-Region PrivateLink; empty for this VPC's Region)", { exact: true });
  await expect(serviceRegion).toHaveValue('us-east-1');
  await editor.setField("Service Region (cross-Region PrivateLink; empty for this VPC's Region)", 'nowhere-1');
  await expect(editor.inspector.locator('label.field.invalid .field-error')).toContainText('nowhere-1');
  expect((await editor.savedDesign()).links[0].service_region).toBe('us-east-1');
  const records = editor.inspector.getByRole('group', { name: 'DNS record IP type' });
  await expect(records.getByRole('radio', { name: 'Default for the IP address type' })).toBeChecked();
  await records.getByRole('radio', { name: 'Service-defined' }).check();
  await expect.poll(async () => (await editor.savedDesign()).links[0].dns_record_ip_type).toBe('service_defined');
  await editor.undo();
  await expect(records.getByRole('radio', { name: 'Default for the IP address type' })).toBeChecked();

  await planner.switchLanguage('日本語');
  await expect(editor.inspector.getByRole('group', { name: 'DNSレコードのIPタイプ' })).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).include('section.inspector').analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  expect(planner.consoleErrors).toEqual([]);
});

test('services, Regions, account and design names are edited; bad input is flagged', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  const editor = new CanvasEditor(page);
  await editor.place('vpc', 60, 80);
  await editor.place('aws:s3', 560, 60);
  await editor.select(editor.nodes.nth(1));
  await editor.setField('Region', 'us-west-2');
  await expect(editor.nodes.nth(1)).toContainText('us-west-2');
  await editor.setField('Region', 'mars-north-1');
  await expect(editor.inspector.locator('label.field.invalid .field-error')).toContainText('mars-north-1');
  await expect(editor.nodes.nth(1)).toContainText('us-west-2');

  await editor.select(editor.nodes.nth(0));
  await editor.setField('Account name', 'Shared services');
  await expect
    .poll(async () => page.evaluate(() => JSON.parse(localStorage.getItem('vpcplan.design') ?? '{}').design.accounts[0].name))
    .toBe('Shared services');
  await editor.setField('Account', '12345');
  await expect(editor.inspector.locator('label.field.invalid .field-error')).toContainText('12 digits');

  // With nothing selected, the inspector names the design.
  await editor.drawing.click({ position: { x: 700, y: 600 } });
  await expect(editor.drawing.locator('.selected')).toHaveCount(0);
  await editor.setField('Design name', 'Training room');
  await expect
    .poll(async () => page.evaluate(() => JSON.parse(localStorage.getItem('vpcplan.design') ?? '{}').design.name))
    .toBe('Training room');
  expect(planner.consoleErrors).toEqual([]);
});

test('invalid CIDRs are flagged at their field and leave the design unchanged', async ({ page }, testInfo) => {
  const planner = new Planner(page);
  await planner.open();
  const editor = new CanvasEditor(page);
  await editor.place('vpc', 60, 80);
  await editor.select(editor.nodes.first());
  const node = editor.nodes.first();
  const drawn = await node.textContent();
  const before = await editor.savedDesign();
  const invalid = editor.inspector.locator('label.field.invalid');

  await editor.setField('Add an IPv6 CIDR', '2600:1f18::/200');
  await expect(invalid).toHaveCount(1);
  await expect(invalid.locator('.field-error')).toContainText('2600:1f18::/200');
  await expect(invalid.locator('input')).toHaveAttribute('aria-invalid', 'true');
  expect(await editor.savedDesign()).toEqual(before);

  await editor.setField('Add an IPv4 CIDR', '10.0.128.0/17');
  await expect(invalid).toHaveCount(1);
  await expect(invalid.locator('.field-error')).toContainText('overlaps 10.0.0.0/16');
  expect(await editor.savedDesign()).toEqual(before);

  // A subnet CIDR outside the VPC is flagged inside that subnet's group; the typed text stays for fixing.
  const subnet = editor.inspector.locator('fieldset.subnet').first();
  const subnetCidr = subnet.getByLabel('IPv4 CIDR', { exact: true });
  await subnetCidr.fill('10.9.0.0/24');
  await subnetCidr.press('Enter');
  await expect(subnet.locator('label.field.invalid .field-error')).toContainText('outside VPC');
  await expect(subnetCidr).toHaveValue('10.9.0.0/24');
  await page.screenshot({ path: testInfo.outputPath('subnet-cidr-error.png') });
  expect(await editor.savedDesign()).toEqual(before);
  await expect(node).toHaveText(drawn ?? '');
  // Placing the VPC is the one step to undo: the refused edits added none.
  await editor.undo();
  await expect(editor.nodes).toHaveCount(0);
  await expect(editor.undoButton).toBeDisabled();

  expect(planner.consoleErrors).toEqual([]);
});

test('a valid edit after a refused one applies and clears the flag', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  const editor = new CanvasEditor(page);
  await editor.place('vpc', 60, 80);
  await editor.select(editor.nodes.first());
  await editor.setField('Add an IPv4 CIDR', '10.0.0.0/33');
  await expect(editor.inspector.locator('label.field.invalid')).toHaveCount(1);
  await editor.setField('Add an IPv4 CIDR', '10.50.0.0/16');
  await expect(editor.inspector.locator('label.field.invalid')).toHaveCount(0);
  await expect.poll(async () => (await editor.savedDesign()).vpcs[0].ipv4_cidrs).toEqual(['10.0.0.0/16', '10.50.0.0/16']);
  await expect(editor.nodes.first()).toContainText('10.50.0.0/16');
  await expect(editor.inspector.getByLabel('IPv4 CIDR 1', { exact: true })).toHaveValue('10.50.0.0/16');
  expect(planner.consoleErrors).toEqual([]);
});
