import { expect, test, type Download, type Page } from '@playwright/test';
import { navTo, signedIn } from './helpers';
import { readFileSync } from 'node:fs';

// The bureau's oversight: the KPI report is printed and exported, the audit log too, and the
// exports show up in the audit log by who and what; the subsidy claim list shows each
// course's qualifying trainees, and a college's staff see only their own courses.

const ADMIN = '13800000001';
const COLLEGE_STAFF = '13800000003';

/** Saves a download and checks it is an .xlsx file (a zip: it starts with "PK"). */
async function expectXlsx(download: Download): Promise<void> {
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const path = await download.path();
  expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK');
}

async function downloadFrom(page: Page, name: string): Promise<Download> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name, exact: true }).first().click(),
  ]);
  return download;
}

test('an admin exports the KPI report and finds the export in the audit log', async ({ browser }) => {
  const admin = await signedIn(browser, ADMIN);
  await navTo(admin, '数据看板');
  await expect(admin.getByRole('heading', { name: '培训就业数据看板' })).toBeVisible();
  await expectXlsx(await downloadFrom(admin, '导出报表 Excel'));

  // The printable report: the filters by name, the figures, and no controls on paper.
  await admin.getByRole('link', { name: '打印报表（A4）', exact: true }).click();
  await expect(admin.getByRole('heading', { name: '禹州市电子商务人才培训就业情况报告' })).toBeVisible();
  await expect(admin.locator('table.report-filters')).toContainText('期间');
  await expect(admin.locator('.kpi-cards .stat')).not.toHaveCount(0);
  await admin.emulateMedia({ media: 'print' });
  await expect(admin.getByRole('button', { name: '打印', exact: true })).toBeHidden();
  await expect(admin.locator('header.site-header nav:visible')).toHaveCount(0);
  await admin.emulateMedia({ media: 'screen' });
  await admin.getByRole('link', { name: '返回数据看板', exact: true }).click();

  await navTo(admin, '操作日志');
  await expect(admin.getByRole('heading', { name: '操作日志', level: 1 })).toBeVisible();

  // A range that ends before it begins is refused next to the field, with no entries.
  const form = admin.locator('form.audit-filters');
  await form.getByLabel('起始日期').fill('2026-05-02');
  await form.getByLabel('截止日期').fill('2026-05-01');
  await form.getByRole('button', { name: '查询' }).click();
  await expect(admin.locator('#to-error')).toHaveText('结束不能早于开始');
  await expect(admin.locator('table.audit-table')).toHaveCount(0);

  // Who and what: the admin's dashboard exports.
  await admin.locator('form.audit-filters').getByLabel('起始日期').fill('');
  await admin.locator('form.audit-filters').getByLabel('截止日期').fill('');
  await admin.locator('form.audit-filters').getByLabel('操作人').fill(ADMIN);
  await admin.locator('form.audit-filters').getByLabel('操作', { exact: true }).selectOption('dashboard.exported');
  await admin.locator('form.audit-filters').getByRole('button', { name: '查询' }).click();
  const rows = admin.locator('table.audit-table tbody tr');
  await expect(rows.first()).toContainText('导出数据看板');
  await expect(rows.first()).toContainText(ADMIN);
  const found = Number((await admin.locator('#audit-found').textContent())?.match(/\d+/)?.[0]);
  expect(found).toBeGreaterThan(0);
  await expect(rows).toHaveCount(Math.min(found, 50));

  // The log itself exports, and that export is logged too.
  await expectXlsx(await downloadFrom(admin, '导出 Excel'));
  await admin.locator('form.audit-filters').getByLabel('操作', { exact: true }).selectOption('audit_log.exported');
  await admin.locator('form.audit-filters').getByRole('button', { name: '查询' }).click();
  await expect(admin.locator('table.audit-table tbody tr').first()).toContainText('导出操作日志');
});

test('the subsidy claim list shows who qualifies, and a college sees only its own', async ({ browser }) => {
  const admin = await signedIn(browser, ADMIN);
  await navTo(admin, '补贴申领');
  await expect(admin.getByRole('heading', { name: '培训补贴申领清单' })).toBeVisible();
  const courses = admin.locator('#subsidy-courses tbody tr');
  // The course with the most qualifying trainees (column 7, 可申领人数).
  const count = await courses.count();
  expect(count).toBeGreaterThan(0);
  let best = 0;
  let bestRow = 0;
  for (let i = 0; i < count; i++) {
    const n = Number(await courses.nth(i).locator('td').nth(6).textContent());
    if (n > best) {
      best = n;
      bestRow = i;
    }
  }
  expect(best).toBeGreaterThan(0);
  const title = (await courses.nth(bestRow).locator('td').nth(1).textContent()) ?? '';
  await courses.nth(bestRow).getByRole('link').click();
  await expect(admin.getByRole('heading', { level: 2 })).toContainText(title);
  const people = admin.locator('#subsidy-people tbody tr');
  await expect(people).toHaveCount(best);
  // ID numbers stay masked on the page.
  await expect(people.first().locator('td').nth(1)).toContainText('*');
  await expectXlsx(await downloadFrom(admin, '导出 Excel'));

  // A college's staff: the provider is fixed to their own, every course is theirs.
  const staff = await signedIn(browser, COLLEGE_STAFF);
  await staff.goto('/manage/courses');
  await staff.getByRole('link', { name: '补贴申领清单', exact: true }).click();
  await expect(staff.getByRole('heading', { name: '培训补贴申领清单' })).toBeVisible();
  const provider = staff.locator('#provider_shown');
  await expect(provider).toBeDisabled();
  const own = (await provider.locator('option:checked').textContent()) ?? '';
  expect(own).not.toBe('全部');
  const rows = staff.locator('#subsidy-courses tbody tr');
  const n = await rows.count();
  for (let i = 0; i < n; i++) {
    await expect(rows.nth(i).locator('td').first()).toHaveText(own);
  }
  // Asking for another provider through the URL is refused.
  await staff.goto('/manage/subsidies?provider=999999');
  await expect(staff.locator('.notice.error')).toBeVisible();
});
