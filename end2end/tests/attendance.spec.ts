import { expect, test } from '@playwright/test';
import { atPath, everyonePresent, notice, submitLogIn } from './helpers';

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
  await everyonePresent(page, count);

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

// The demo's running course "农特产品社区团购运营" began three days ago. The bureau admin may
// take any course's attendance. Each step puts the marks it changes back, so the test can run
// once per viewport against the same data.
test('a clerk marks a trainee for the whole course at once and imports a sheet of marks', async ({ browser }) => {
  const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await page.goto('/login');
  await submitLogIn(page, '13800000001', 'demo-password');
  await expect(page).toHaveURL(atPath('/'));
  await page.goto('/manage/courses?q=' + encodeURIComponent('农特产品社区团购运营'));
  await page.getByRole('link', { name: '农特产品社区团购运营' }).click();
  await page.getByRole('link', { name: '考勤', exact: true }).click();
  await page.getByRole('link', { name: '考勤总表' }).click();
  await expect(page.getByRole('heading', { name: '考勤总表：农特产品社区团购运营' })).toBeVisible();

  // Whole row: the first trainee excused for every session begun so far.
  const first = page.locator('table.attendance-overview tbody tr').first();
  const name = (await first.locator('th').first().innerText()).split('\n')[0].trim();
  const action = (await first.locator('form.row-action').getAttribute('action')) ?? '';
  const enrolment = action.split('/').pop();
  expect(enrolment).toMatch(/^\d+$/);
  const begun = await page.locator('table.attendance-overview thead th.session-head:not(:has(small))').count();
  expect(begun).toBeGreaterThan(0);
  await first.locator('select[name="status"]').selectOption('excused');
  await first.getByLabel('只填未记的').uncheck();
  await first.getByRole('button', { name: `${name}的全部课次` }).click();
  await expect(notice(page, '已为该学员记下全部已开始课次')).toBeVisible();
  const row = page.locator('table.attendance-overview tbody tr').first();
  await expect(row.locator('td.mark-cell.excused')).toHaveCount(begun);

  // The course's own sheet downloads as .xlsx.
  const template = await page.request.get(action.replace(/\/attendance\/rows\/\d+$/, '/attendance.xlsx'));
  expect(template.status()).toBe(200);
  expect(template.headers()['content-type']).toContain('spreadsheetml');

  // Import: the first session back to present, from a sheet with the session's start as its
  // heading; a preview first, then applied.
  const heading = ((await page.locator('table.attendance-overview thead th.session-head').first().getAttribute('title')) ?? '').slice(0, 16);
  expect(heading).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  await page.getByRole('link', { name: '导入考勤' }).click();
  await expect(page.getByRole('heading', { name: '导入考勤：农特产品社区团购运营' })).toBeVisible();
  await page.getByLabel('文件').setInputFiles({
    name: '考勤.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`报名编号,姓名,${heading}\n${enrolment},${name},到\n`),
  });
  await page.getByRole('button', { name: '上传并预览' }).click();
  await expect(page.getByRole('heading', { name: '考勤导入预览：考勤.csv' })).toBeVisible();
  await expect(page.getByText('将新记 0 条 · 更正 1 条 · 不变 0 条').first()).toBeVisible();
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(notice(page, '考勤已导入')).toBeVisible();
  await page.getByRole('link', { name: '考勤总表' }).first().click();
  const after = page.locator('table.attendance-overview tbody tr').first();
  await expect(after.locator('td.mark-cell').first()).toHaveText('到');
  await expect(after.locator('td.mark-cell.excused')).toHaveCount(begun - 1);

  // A sheet with a wrong mark is shown row by row and cannot be applied.
  await page.getByRole('link', { name: '导入考勤' }).click();
  await page.getByLabel('文件').setInputFiles({
    name: 'wrong.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`报名编号,${heading}\n${enrolment},也许\n`),
  });
  await page.getByRole('button', { name: '上传并预览' }).click();
  await expect(page.getByText(`无法识别的考勤：${heading}: 也许`)).toBeVisible();
  await expect(page.getByRole('button', { name: '确认导入' })).toHaveCount(0);
  await page.getByRole('button', { name: '放弃本次导入' }).click();
  await expect(notice(page, '已放弃该导入')).toBeVisible();
});
