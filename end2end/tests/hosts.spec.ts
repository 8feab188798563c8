import { expect, test } from '@playwright/test';
import { idNumber, newPhone, notice, signedIn, signUp, siteHeader } from './helpers';

// The livestream host registry: a trainee applies as a host from a phone, naming the demo
// livestream base; the base's staff find them in their registry, see their training and keep
// their profile up to date.

const BASE_STAFF = '13800000103';
const BASE = '神垕古镇直播电商基地（示例）';

test('a trainee applies as a host and the base keeps their profile', async ({ browser }) => {
  const name = `主播${Math.floor(Math.random() * 1_000_000)}`;
  const account = `${name}的直播间`;
  const trainee = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signUp(trainee, newPhone(), 'trainee-pass-1');
  await trainee.goto('/profile');
  await trainee.getByLabel('姓名').fill(name);
  await trainee.getByLabel('身份证号').fill(idNumber());
  await trainee.getByLabel('乡镇（街道）').selectOption({ label: '神垕镇' });
  await trainee.getByLabel('文化程度').selectOption('senior_high');
  await trainee.getByLabel('培训前状况').selectOption('returning_migrant');
  await trainee.getByLabel('电商经验').selectOption('buyer_only');
  await trainee.getByLabel(/我同意/).check();
  await trainee.getByRole('button', { name: '保存' }).click();
  await expect(notice(trainee, '实名信息已保存')).toBeVisible();

  // The navigation leads there (in the "places and jobs" group).
  await expect(siteHeader(trainee).locator('nav a[href="/host"]').first()).toHaveText('主播档案');
  await trainee.goto('/host');
  await expect(trainee.getByRole('heading', { name: '我的主播档案', level: 1 })).toBeVisible();
  // Nothing chosen: the messages stand next to their fields and nothing is saved.
  await trainee.getByLabel('每月开播场次').fill('999');
  await trainee.getByRole('button', { name: '申请登记为主播' }).click();
  await expect(trainee.locator('#categories-error')).toHaveText('请至少选择一个带货品类');
  await expect(trainee.locator('#monthly_sessions-error')).toContainText('0 到 300');
  await expect(trainee.locator('.field.has-error').filter({ hasText: '请至少填写一个平台账号' })).toBeVisible();

  await trainee.getByLabel('钧瓷').check();
  await trainee.getByLabel('农特产品').check();
  await trainee.getByLabel('平台 1', { exact: true }).selectOption({ label: '抖音' });
  await trainee.getByLabel('账号名称 1', { exact: true }).fill(account);
  await trainee.getByLabel('所属直播基地或机构').selectOption({ label: BASE });
  await trainee.getByLabel('每月开播场次').fill('20');
  await trainee.getByLabel('月销售额').selectOption({ label: '5000元–1万元' });
  await trainee.getByRole('button', { name: '申请登记为主播' }).click();
  await expect(notice(trainee, '主播档案已保存', 'success')).toBeVisible();
  await expect(trainee.locator('dl.facts')).toContainText(account);
  await expect(trainee.locator('dl.facts')).toContainText(BASE);

  // The base finds the new host in its registry and changes their sessions.
  const staff = await signedIn(browser, BASE_STAFF);
  await expect(siteHeader(staff).locator('nav a[href="/manage/hosts"]').first()).toHaveText('主播');
  await staff.goto('/manage/hosts');
  await expect(staff.getByRole('heading', { name: '直播带货主播', level: 1 })).toBeVisible();
  await staff.getByLabel('姓名或账号').fill(name);
  await staff.getByRole('button', { name: '查找' }).click();
  const row = staff.locator('#hosts tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(account);
  await row.getByRole('link', { name }).click();
  await expect(staff.getByRole('heading', { name, level: 1 })).toBeVisible();
  await staff.getByLabel('每月开播场次').fill('25');
  await staff.getByRole('button', { name: '保存' }).click();
  await expect(notice(staff, '主播档案已保存', 'success')).toBeVisible();
  await expect(staff.locator('dl.facts')).toContainText('25');

  // The trainee sees the change on their own page.
  await trainee.reload();
  await expect(trainee.locator('dl.facts')).toContainText('25');
});
