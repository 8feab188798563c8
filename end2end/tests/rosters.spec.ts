import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { atPath, idNumber, navTo, newPhone, notice, submitLogIn } from './helpers';
import { openCourseWithStaff } from './partner-helpers';

// Staff import a class from a spreadsheet (a file with errors first, then the corrected one),
// see it on the course roster and export the roster.

function csv(rows: string[][]): Buffer {
  const text = ['姓名,身份证号,手机号,乡镇（街道）', ...rows.map((r) => r.join(','))].join('\r\n');
  // Excel's "CSV UTF-8": a byte-order mark, then the text.
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

test('an import with errors, corrected, then applied; the roster lists the class and exports it', async ({ browser }) => {
  test.setTimeout(150_000);
  const title = `导入测试班${Math.floor(Math.random() * 1e6)}`;
  const { path, phone } = await openCourseWithStaff(browser, title, 5);
  const courseId = path.split('/').pop();
  const page = await (await browser.newContext({ locale: 'zh-CN', acceptDownloads: true })).newPage();
  await page.goto('/login');
  await submitLogIn(page, phone, 'college-pass-1');
  await expect(page).toHaveURL(atPath('/'));

  const [a, b] = [idNumber(), idNumber()];
  const [phoneA, phoneB] = [newPhone(), newPhone()];
  await navTo(page, '批量导入');
  await expect(page).toHaveURL(atPath('/manage/imports'));
  await page.getByLabel('同时报名课程（可选）').selectOption(courseId!);
  await page.getByLabel('文件').setInputFiles({
    name: '第一期名单.csv',
    mimeType: 'text/csv',
    buffer: csv([
      ['张示例', a, phoneA, '颍川街道'],
      ['李示例', b, phoneB, '火星镇'],
    ]),
  });
  await page.getByRole('button', { name: '上传并预览' }).click();
  await expect(page).toHaveURL(/\/manage\/imports\/\d+/);
  await expect(page.getByText('1 行有错误')).toBeVisible();
  await expect(page.locator('tr.row-error')).toContainText('“火星镇”不是禹州市的乡镇（街道）');
  await expect(page.getByRole('button', { name: '确认导入' })).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText(a);

  // The corrected file: every row valid, applied at once.
  await page.getByRole('link', { name: '上传并预览' }).click();
  await expect(page.getByLabel('同时报名课程（可选）')).toHaveValue(courseId!);
  await page.getByLabel('文件').setInputFiles({
    name: '第一期名单（改）.csv',
    mimeType: 'text/csv',
    buffer: csv([
      ['张示例', a, phoneA, '颍川街道'],
      ['李示例', b, phoneB, '神垕'],
    ]),
  });
  await page.getByRole('button', { name: '上传并预览' }).click();
  await expect(page.getByText('2 行正确')).toBeVisible();
  await page.getByRole('button', { name: '确认导入' }).click();
  // The import is applied in the background; its page reloads itself every second until done
  // (on a busy machine that can take longer than the usual five seconds).
  await expect(page.getByText('导入完成')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('报名课程 2 人')).toBeVisible();

  // The roster: both enrolled, ID numbers masked; export it as Excel and CSV.
  await page.getByRole('link', { name: '花名册' }).click();
  await expect(page).toHaveURL(atPath(`/manage/courses/${courseId}/roster`));
  const rows = page.locator('table.roster tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: '李示例' })).toContainText(`${b.slice(0, 4)}**********${b.slice(14)}`);
  await expect(page.locator('body')).not.toContainText(b);
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: '导出 Excel' }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  expect(readFileSync(await xlsx.path()).subarray(0, 2).toString()).toBe('PK');
  const [csvFile] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: '导出 CSV' }).click(),
  ]);
  const text = readFileSync(await csvFile.path(), 'utf8');
  expect(text).toContain('张示例');
  expect(text).toContain(phoneB);
  expect(text).not.toContain(a);

  // Removing someone needs a reason; it is shown on the roster afterwards.
  const row = rows.filter({ hasText: '张示例' });
  await row.getByText('移出', { exact: true }).first().click();
  await row.getByLabel('移出原因').fill('本人申请退出');
  await row.getByRole('button', { name: '移出' }).click();
  await expect(notice(page, '已移出')).toBeVisible();
  await page.getByLabel('状态').selectOption('left');
  await page.getByRole('button', { name: '查找' }).click();
  await expect(page.locator('table.roster tbody tr').filter({ hasText: '张示例' })).toContainText('本人申请退出');
});

test('an imported trainee gets in with the activation code printed from the roster, once', async ({ browser }, testInfo) => {
  test.setTimeout(150_000);
  const title = `激活码测试班${Math.floor(Math.random() * 1e6)}`;
  const { path, phone } = await openCourseWithStaff(browser, title, 5);
  const courseId = path.split('/').pop();
  const staff = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await staff.goto('/login');
  await submitLogIn(staff, phone, 'college-pass-1');
  await expect(staff).toHaveURL(atPath('/'));

  const person = newPhone();
  await staff.goto(`/manage/imports?course=${courseId}`);
  await staff.getByLabel('文件').setInputFiles({
    name: '名单.csv',
    mimeType: 'text/csv',
    buffer: csv([['王激活', idNumber(), person, '颍川街道']]),
  });
  await staff.getByRole('button', { name: '上传并预览' }).click();
  await staff.getByRole('button', { name: '确认导入' }).click();
  await expect(staff.getByText('导入完成')).toBeVisible({ timeout: 20_000 });

  // The roster: not activated yet; print the codes (shown this once).
  await staff.goto(`/manage/courses/${courseId}/roster`);
  const row = staff.locator('table.roster tbody tr').filter({ hasText: '王激活' });
  await expect(row).toContainText('未激活');
  await staff.getByRole('button', { name: '打印激活码' }).click();
  const slip = staff.locator('.activation-sheet .slip').filter({ hasText: '王激活' });
  await expect(slip).toBeVisible();
  await expect(slip).toContainText(`${person.slice(0, 3)}****${person.slice(7)}`);
  const code = (await slip.locator('code').innerText()).trim();
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  // Afterwards the roster shows it masked only.
  await staff.reload();
  await expect(row).toContainText(`····-··${code.slice(7)}`);
  await expect(staff.locator('body')).not.toContainText(code);

  // The trainee, on a phone in the phone project: phone, code, a password.
  const viewport = testInfo.project.name === 'phone' ? { width: 360, height: 740 } : undefined;
  const trainee = await (await browser.newContext({ locale: 'zh-CN', viewport })).newPage();
  await trainee.goto('/login');
  await trainee.getByRole('link', { name: '首次登录激活' }).click();
  await expect(trainee).toHaveURL(atPath('/activate'));
  const activate = async (page: Page, typed: string, password: string) => {
    await page.getByLabel('手机号', { exact: true }).fill(person);
    await page.getByLabel('激活码').fill(typed);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByLabel('确认密码').fill(password);
    await page.getByRole('button', { name: '设置密码并登录' }).click();
  };
  await activate(trainee, code.toLowerCase(), 'trainee-pass-1');
  await expect(trainee).toHaveURL(atPath('/learning'));
  await expect(notice(trainee, '账号已激活')).toBeVisible();
  await expect(trainee.locator('main')).toContainText(title);

  // The code is spent; the roster says the account is active.
  const again = await (await browser.newContext({ locale: 'zh-CN', viewport })).newPage();
  await again.goto('/activate');
  await activate(again, code, 'other-pass-2');
  await expect(again.locator('.form-error')).toContainText('手机号或激活码不正确');
  await staff.reload();
  await expect(row).toContainText('已激活');
});
