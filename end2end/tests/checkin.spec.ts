import { expect, test } from '@playwright/test';
import { atPath, notice, submitLogIn } from './helpers';

// The demo college's running course "钧瓷网店视觉设计" has a session in progress (the demo seed
// starts today's session of a running course half an hour before seeding).

test('a trainee checks in with the code on the staff screen, once', async ({ browser }, testInfo) => {
  const staff = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await staff.goto('/login');
  await submitLogIn(staff, '13800000003', 'demo-password');
  await expect(staff).toHaveURL(atPath('/'));
  await staff.goto('/manage/courses?q=' + encodeURIComponent('钧瓷网店视觉设计'));
  await staff.getByRole('link', { name: '钧瓷网店视觉设计' }).click();
  const coursePath = new URL(staff.url()).pathname;

  // A trainee of the class (each project takes a different one).
  await staff.goto(coursePath + '/roster');
  const row = staff.locator('table.roster tbody tr').nth(testInfo.project.name === 'phone' ? 1 : 0);
  const phone = (await row.locator('a[href^="tel:"]').innerText()).trim();
  const name = (await row.locator('td').nth(1).innerText()).trim();

  // The check-in screen of the session in progress: a QR code and the code beneath it.
  await staff.goto(coursePath + '/attendance');
  await staff.getByRole('link', { name: '扫码签到' }).click();
  await expect(staff.locator('.checkin-screen svg')).toBeVisible();
  await expect(staff.getByText('当前不在本课次的签到时间内')).toHaveCount(0);
  const href = await staff.locator('.checkin-code a').getAttribute('href');
  const path = new URL(href!).pathname;
  const before = await staff.locator('.checkin-screen .stat-value').innerText();

  // The trainee's phone opens the address: log in first, then one button.
  const trainee = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 360, height: 740 } })).newPage();
  await trainee.goto(path);
  await expect(trainee).toHaveURL(/\/login/);
  await submitLogIn(trainee, phone, 'demo-password');
  await expect(trainee).toHaveURL(atPath(path));
  await trainee.getByRole('button', { name: '确认签到' }).click();
  await expect(trainee).toHaveURL(atPath('/learning'));
  await expect(notice(trainee, '签到成功')).toBeVisible();
  // Scanning again says so and offers no second check-in.
  await trainee.goto(path);
  await expect(trainee.getByText('您已签到，无需重复签到。')).toBeVisible();
  await expect(trainee.getByRole('button', { name: '确认签到' })).toHaveCount(0);

  // The staff screen counts one more, and the attendance sheet shows the mark.
  await staff.reload();
  await expect(staff.locator('.checkin-screen .stat-value')).not.toHaveText(before);
  await staff.goto(coursePath + '/attendance');
  const mark = staff.locator('table.attendance tbody tr').filter({ hasText: name }).locator('input[value="present"]');
  await expect(mark).toBeChecked();
});
