import { expect, test } from '@playwright/test';
import { beijingDate, navTo, notice, signedIn } from './helpers';

// The demo trainee (13800000004) reports an outcome that the bureau admin (13800000001) then
// verifies on the person's record; the admin records a follow-up call from the work list (the
// demo data has follow-ups due). Each run adds its own rows, so it runs once per viewport.

test('a trainee reports an outcome, the bureau verifies it and records a follow-up call', async ({ browser }, testInfo) => {
  const shop = `E2E小铺 ${testInfo.project.name} ${Date.now()}`;

  // The trainee reports an online shop; a link that is not a web address is refused first.
  const trainee = await signedIn(browser, '13800000004');
  await navTo(trainee, '就业创业');
  await expect(trainee.getByRole('heading', { name: '我的就业创业情况' })).toBeVisible();
  const form = trainee.locator('form').filter({ has: trainee.getByRole('heading', { name: '填报最新情况' }) });
  await form.getByLabel('截至日期').fill(beijingDate(0));
  await form.getByLabel('目前状况').selectOption('online_store');
  await form.getByLabel('平台').selectOption('douyin');
  await form.getByLabel('企业或店铺名称').fill(shop);
  await form.getByLabel('店铺或账号链接').fill('ftp://shop.example.com/e2e');
  await form.getByLabel('带动就业人数').fill('2');
  await form.getByRole('button', { name: '填报最新情况' }).click();
  await expect(trainee.locator('#shop_url-error')).toHaveText('请填写以 http:// 或 https:// 开头的网址');
  const again = trainee.locator('form').filter({ has: trainee.getByRole('heading', { name: '填报最新情况' }) });
  await expect(again.getByLabel('企业或店铺名称')).toHaveValue(shop);
  await again.getByLabel('店铺或账号链接').fill('https://shop.example.com/e2e');
  await again.getByRole('button', { name: '填报最新情况' }).click();
  await expect(notice(trainee, '已提交')).toBeVisible();
  const reported = trainee.locator('ul.outcomes li').filter({ hasText: shop });
  await expect(reported.getByText('本人填报')).toBeVisible();

  // The trainee's whole record: the path so far, certificates, and the new outcome.
  await trainee.getByRole('link', { name: '查看我的完整档案' }).click();
  await expect(trainee.getByRole('heading', { name: '我的档案' })).toBeVisible();
  await expect(trainee.locator('ol.timeline li').filter({ hasText: '获得证书' })).toHaveCount(1);
  await expect(trainee.locator('ol.timeline li').filter({ hasText: shop })).toHaveCount(1);

  // The bureau finds the person and verifies the report.
  const admin = await signedIn(browser, '13800000001');
  await navTo(admin, '学员档案');
  await admin.getByLabel('姓名、手机号或身份证号后几位').fill('13800000004');
  await admin.getByRole('button', { name: '查找' }).click();
  await admin.locator('table.data tbody a').first().click();
  await expect(admin.getByRole('heading', { name: /^学员档案：/ })).toBeVisible();
  const row = admin.locator('ul.outcomes li').filter({ hasText: shop }).filter({ hasText: '本人填报' });
  await row.getByRole('button', { name: '核实无误' }).click();
  await expect(notice(admin, '已标记为已核实')).toBeVisible();
  await expect(admin.locator('ul.outcomes li').filter({ hasText: shop }).filter({ hasText: '已核实' })).toHaveCount(1);
  await expect(admin.locator('ul.outcomes li').filter({ hasText: shop }).filter({ hasText: '已被后续记录取代' })).toHaveCount(1);

  // A follow-up call from the work list: reached, now employed.
  await navTo(admin, '跟踪回访');
  await expect(admin.getByRole('heading', { name: '跟踪回访' })).toBeVisible();
  const first = admin.locator('table.follow-ups tbody tr').first();
  const person = first.locator('th a').first();
  const name = (await person.textContent())!.trim();
  const personPath = (await person.getAttribute('href'))!;
  await first.getByText('记录回访').click();
  await first.getByLabel('已联系上').check();
  await first.getByLabel('截至日期').fill(beijingDate(0));
  await first.getByLabel('目前状况').selectOption('employed');
  await first.getByLabel('工作单位').fill(`E2E示例电商公司 ${testInfo.project.name}`);
  await first.getByLabel('回访备注').fill('本人接听，在电商公司上班');
  await first.getByRole('button', { name: '保存回访结果' }).click();
  await expect(notice(admin, '已记录回访结果')).toBeVisible();

  // The person's record shows the call and the outcome it recorded.
  await admin.goto(personPath);
  await expect(admin.getByRole('heading', { name: `学员档案：${name}` })).toBeVisible();
  await expect(admin.locator('ul.outcomes li').filter({ hasText: `E2E示例电商公司 ${testInfo.project.name}` }).getByText('回访记录')).toBeVisible();
  await expect(admin.getByText('本人接听，在电商公司上班')).toBeVisible();
  await expect(admin.locator('ol.timeline li').filter({ hasText: '完成回访' }).first()).toBeVisible();
});
