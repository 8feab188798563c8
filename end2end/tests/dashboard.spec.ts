import { expect, test, type Page } from '@playwright/test';
import { navTo, notice, signedIn, siteHeader } from './helpers';

// The bureau's KPI dashboard: an admin sets a target and sees its progress, drills from a
// figure to the people behind it; a town viewer (demo login 13800000005, 神垕镇) sees only
// their town. The target set here is removed at the end, so each viewport's run leaves the
// demo data as it was.

const ADMIN = '13800000001';
const TOWN_VIEWER = '13800000005';

/** The number on a dashboard tile. */
function tile(page: Page, label: string) {
  return page.locator('.kpi-cards .stat').filter({ hasText: label }).locator('.stat-value');
}

async function figure(page: Page, label: string): Promise<number> {
  return Number(await tile(page, label).textContent());
}

test('an admin sets a target, sees its progress and the people behind a figure', async ({ browser }, testInfo) => {
  const target = testInfo.project.name.includes('phone') ? 70 : 50;
  const admin = await signedIn(browser, ADMIN);
  await navTo(admin, '数据看板');
  await expect(admin.getByRole('heading', { name: '培训就业数据看板' })).toBeVisible();
  const shops = await figure(admin, '开设网店');
  expect(await figure(admin, '培训人数')).toBeGreaterThan(0);
  // The demo's targets for the city show with their progress.
  const targets = admin.locator('table.targets');
  await expect(targets.locator('tr').filter({ hasText: '培训人数' })).toContainText('800');

  // Set a target for online shops; a zero is refused next to the field first.
  await admin.getByRole('link', { name: '设定目标', exact: true }).click();
  await expect(admin.getByRole('heading', { name: '年度目标任务' })).toBeVisible();
  const form = admin.locator('#target-form');
  await form.getByLabel('范围').selectOption('city');
  await form.getByLabel('指标').selectOption('shops');
  await form.getByLabel('全年目标').fill('0');
  await form.getByRole('button', { name: '保存目标' }).click();
  await expect(admin.locator('#value-error')).toHaveText('目标应为1至10000000之间的整数');
  await admin.locator('#target-form').getByLabel('全年目标').fill(String(target));
  await admin.locator('#target-form').getByRole('button', { name: '保存目标' }).click();
  await expect(notice(admin, '已保存目标。')).toBeVisible();
  const row = admin.locator('table.targets tr').filter({ hasText: '开设网店' });
  await expect(row).toContainText(String(target));

  // Back on the dashboard: progress is the figure over the target.
  await admin.getByRole('link', { name: '返回数据看板', exact: true }).click();
  const progress = admin.locator('table.targets tr').filter({ hasText: '开设网店' });
  await expect(progress).toContainText(String(target));
  await expect(progress).toContainText(`${((shops * 100) / target).toFixed(1)}%`);

  // A figure opens the people behind it: as many as it says.
  const leaders = await figure(admin, '电商带头人');
  expect(leaders).toBeGreaterThan(0);
  await admin.locator('.kpi-cards a.stat').filter({ hasText: '电商带头人' }).click();
  await expect(admin.getByRole('heading', { name: '电商带头人', level: 1 })).toBeVisible();
  await expect(admin.locator('p.lead')).toHaveText(`${leaders} 名学员`);
  await expect(admin.locator('table.data tbody tr')).toHaveCount(Math.min(leaders, 50));
  const person = admin.locator('table.data tbody a').first();
  const name = (await person.textContent()) ?? '';
  await person.click();
  await expect(admin.getByRole('heading', { level: 1 })).toContainText(name);

  // The funnel narrows step by step.
  await admin.goto('/manage/dashboard');
  const steps = admin.locator('table.funnel tbody tr');
  await expect(steps).toHaveCount(6);
  const counts = await steps.locator('td.num a').allTextContents();
  for (let i = 1; i < counts.length; i++) {
    expect(Number(counts[i])).toBeLessThanOrEqual(Number(counts[i - 1]));
  }

  // The charts are drawn on the server, labelled, with their numbers beside them: all 26
  // towns, most people first.
  const byTown = admin.locator('section.chart-pair').filter({ hasText: '按乡镇（街道）' });
  await expect(byTown.locator('svg[role=img]')).toHaveAttribute('aria-label', /按乡镇（街道）：/);
  await expect(byTown.locator('table tbody tr')).toHaveCount(26);
  const perTown = (await byTown.locator('table tbody td:nth-child(2)').allTextContents()).map(Number);
  for (let i = 1; i < perTown.length; i++) expect(perTown[i]).toBeLessThanOrEqual(perTown[i - 1]);

  // Remove the target again.
  await admin.goto('/manage/targets');
  await admin.locator('table.targets tr').filter({ hasText: '开设网店' }).getByRole('button', { name: '删除' }).click();
  await expect(notice(admin, '已删除目标。')).toBeVisible();
  await expect(admin.locator('table.targets tr').filter({ hasText: '开设网店' })).toHaveCount(0);
});

test('a town viewer sees only their town', async ({ browser }) => {
  const admin = await signedIn(browser, ADMIN);
  await admin.goto('/manage/dashboard');
  const city = await figure(admin, '培训人数');

  const viewer = await signedIn(browser, TOWN_VIEWER);
  await expect(siteHeader(viewer).locator('a[href="/manage/bases"]')).toHaveCount(0);
  await navTo(viewer, '数据看板');
  await expect(notice(viewer, '您的账号限于本乡镇的数据。')).toBeVisible();
  await expect(viewer.locator('#town_shown')).toBeDisabled();
  await expect(viewer.locator('#town_shown option:checked')).toHaveText('神垕镇');
  const mine = await figure(viewer, '培训人数');
  expect(mine).toBeGreaterThan(0);
  expect(mine).toBeLessThan(city);
  // The same figure as the admin's for that town.
  const town = await viewer.locator('input[name=town]').inputValue();
  await admin.goto(`/manage/dashboard?town=${town}`);
  expect(await figure(admin, '培训人数')).toBe(mine);
  // The town's targets show for its viewer.
  await expect(viewer.locator('table.targets tr').filter({ hasText: '培训人数' })).toContainText('60');

  // Another town through the URL: refused, no figures.
  const other = town === '1' ? '2' : '1';
  await viewer.goto(`/manage/dashboard?town=${other}`);
  await expect(viewer.getByText('您没有权限进行此操作')).toBeVisible();
  await expect(viewer.locator('.kpi-cards')).toHaveCount(0);
  // The people behind a figure all live in the town.
  await viewer.goto('/manage/dashboard/people?figure=trained');
  const places = await viewer.locator('table.data tbody tr td:nth-child(2)').allTextContents();
  expect(places.length).toBeGreaterThan(0);
  for (const place of places) expect(place).toContain('神垕镇');
});
