import { expect, test } from '@playwright/test';
import { atPath, notice, submitLogIn } from './helpers';

// The demo college's running course "中医药产品电商运营" began a week ago with a full class.

test('staff take attendance for a session, correct a mark, and see the completion sheet', async ({ browser }) => {
  const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await page.goto('/login');
  await submitLogIn(page, '13800000003', 'demo-password');
  await expect(page).toHaveURL(atPath('/'));
  await page.goto('/manage/courses?q=' + encodeURIComponent('中医药产品电商运营'));
  await page.getByRole('link', { name: '中医药产品电商运营' }).click();
  await page.getByRole('link', { name: '考勤', exact: true }).click();
  await expect(page.getByRole('heading', { name: '考勤：中医药产品电商运营' })).toBeVisible();

  const rows = page.locator('table.attendance tbody tr');
  const count = await rows.count();
  expect(count).toBeGreaterThan(10);
  await page.getByRole('button', { name: '全部记为出勤' }).click();
  await expect(notice(page, '考勤已保存')).toBeVisible();
  await expect(page.locator('table.attendance input[value="present"]:checked')).toHaveCount(count);

  // One trainee was in fact absent: the correction is saved as soon as it is clicked.
  await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
  const first = rows.first();
  await first.locator('input[value="absent"]').check();
  await expect(first.getByText('已保存')).toBeVisible();
  await page.reload();
  await expect(page.locator('table.attendance tbody tr').first().locator('input[value="absent"]')).toBeChecked();
  await expect(page.locator('table.attendance input[value="present"]:checked')).toHaveCount(count - 1);
  // The save button still saves the whole sheet (it is what works without scripts).
  await page.locator('table.attendance tbody tr').nth(1).locator('input[value="late"]').check();
  await page.getByRole('button', { name: '保存考勤' }).click();
  await expect(notice(page, '考勤已保存')).toBeVisible();
  await expect(page.locator('table.attendance tbody tr').nth(1).locator('input[value="late"]')).toBeChecked();
  await expect(page.locator('table.attendance input[value="present"]:checked')).toHaveCount(count - 2);

  // The completion sheet shows each trainee's hours against the rule.
  await page.getByRole('link', { name: '中医药产品电商运营' }).first().click();
  await page.getByRole('link', { name: '成绩与结业' }).click();
  await expect(page.getByRole('heading', { name: '成绩与结业：中医药产品电商运营' })).toBeVisible();
  await expect(page.locator('table.completion tbody tr')).toHaveCount(count);
  await expect(page.getByText('需出勤 32 学时')).toBeVisible();
});
