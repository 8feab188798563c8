import { expect, test, type Page } from '@playwright/test';
import { beijingDate, navTo, notice, signedIn } from './helpers';

// Base KPIs: the demo incubation base (staff login 13800000102) records an event it held and
// sees it counted; the bureau compares every base's figures for a year and opens one base's
// records. The event is removed at the end, so each viewport's run leaves the demo as it was.

const BASE_STAFF = '13800000102';
const ADMIN = '13800000001';

/** The number on a KPI card. */
function figure(page: Page, label: string) {
  return page.locator('.kpi-cards .stat').filter({ hasText: label }).locator('.stat-value');
}

test('a base records an event and sees it in its yearly KPIs', async ({ browser }, testInfo) => {
  const title = `直播带货分享会 ${testInfo.project.name} ${Date.now()}（示例）`;
  const base = await signedIn(browser, BASE_STAFF);
  await navTo(base, '岗位与入驻');
  await base.getByRole('link', { name: '基地考核', exact: true }).click();
  await expect(base.getByRole('heading', { name: '基地考核指标' })).toBeVisible();
  // Base staff see their own base only.
  await expect(base.locator('table.kpi-table tbody tr')).toHaveCount(1);
  await base.locator('table.kpi-table tbody a').first().click();
  await expect(base.getByRole('heading', { name: '活动记录' })).toBeVisible();
  const baseName = (await base.getByRole('heading', { level: 1 }).textContent()) ?? '';
  const events = Number(await figure(base, '举办活动').textContent());
  // The people placed this year are listed with how each counted.
  await expect(base.getByRole('heading', { name: '计入指标的入驻记录' })).toBeVisible();
  expect(Number(await figure(base, '在孵（在岗）').textContent())).toBeGreaterThan(0);
  await expect(base.locator('table.data').first().locator('tbody tr').first()).toBeVisible();

  // A negative head count is refused next to the field, keeping what was typed.
  const form = base.locator('form').filter({ has: base.getByRole('heading', { name: '记录一次活动' }) });
  await form.getByLabel('活动名称').fill(title);
  await form.getByLabel('活动日期').fill(beijingDate(0));
  await form.getByLabel('活动类型').selectOption('salon');
  await form.getByLabel('参加人数').fill('-5');
  await form.getByRole('button', { name: '保存活动' }).click();
  await expect(base.locator('#participants-error')).toHaveText('参加人数应在0至100000之间');
  const again = base.locator('form').filter({ has: base.getByRole('heading', { name: '记录一次活动' }) });
  await expect(again.getByLabel('活动名称')).toHaveValue(title);
  await again.getByLabel('参加人数').fill('36');
  await again.getByRole('button', { name: '保存活动' }).click();
  await expect(notice(base, '已记录活动。')).toBeVisible();
  const row = base.locator('tr').filter({ hasText: title });
  await expect(row).toContainText('沙龙交流');
  await expect(row).toContainText('36');
  await expect(figure(base, '举办活动')).toHaveText(String(events + 1));

  // The bureau sees every base for the year, with the total, and opens this base.
  const admin = await signedIn(browser, ADMIN);
  await navTo(admin, '基地考核');
  await expect(admin.getByRole('heading', { name: '基地考核指标' })).toBeVisible();
  const table = admin.locator('table.kpi-table');
  expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
  await expect(table.locator('tfoot')).toContainText('合计');
  const year = new Date().getFullYear() - 1;
  await admin.getByLabel('年度').selectOption(String(year));
  await admin.getByRole('button', { name: '查看', exact: true }).click();
  await expect(admin).toHaveURL(new RegExp(`year=${year}`));
  await expect(admin.getByText(`统计截至 ${year}-12-31`)).toBeVisible();
  await admin.getByLabel('年度').selectOption(String(year + 1));
  await admin.getByRole('button', { name: '查看', exact: true }).click();
  await admin.locator('table.kpi-table tbody').getByRole('link', { name: baseName, exact: true }).click();
  await expect(admin.locator('tr').filter({ hasText: title })).toBeVisible();
  await admin.getByRole('link', { name: '基地考核指标' }).click();
  await expect(admin.locator('table.kpi-table')).toBeVisible();

  // The base removes the event again.
  await row.getByRole('button', { name: '删除' }).click();
  await expect(notice(base, '已删除活动。')).toBeVisible();
  await expect(base.locator('tr').filter({ hasText: title })).toHaveCount(0);
  await expect(figure(base, '举办活动')).toHaveText(String(events));
});
