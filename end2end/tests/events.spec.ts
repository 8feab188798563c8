import { expect, test } from '@playwright/test';
import { signedIn } from './helpers';

// Lectures and salons as events: a visitor registers from a phone with a name, a mobile
// number and a town (no account), keeps the ticket page, and the organiser's staff check them
// in from the registrations list.

const LECTURE = '电商大讲堂：平台规则与消费者权益';
// The demo lecture's organiser (the fifth demo partner) and its staff login.
const ORGANISER_STAFF = '13800000105';

function mobile(): string {
  let phone = '136';
  for (let i = 0; i < 8; i++) phone += Math.floor(Math.random() * 10).toString();
  return phone;
}

test('a visitor registers for a lecture and the organiser checks them in', async ({ browser }) => {
  const name = `听众${Math.floor(Math.random() * 100_000)}`;
  const phone = mobile();
  const visitor = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await visitor.goto(`/courses?programme=lecture_salon`);
  await visitor.getByRole('link', { name: LECTURE }).first().click();
  const form = visitor.locator('#register-form');
  await expect(form.getByRole('heading', { name: '快速报名' })).toBeVisible();
  // Bad input: messages next to the fields, nothing saved.
  await form.getByLabel('姓名').fill(name);
  await form.getByLabel('手机号').fill('12345');
  await form.getByLabel('乡镇（街道）').selectOption({ label: '钧台街道' });
  await form.getByRole('button', { name: '报名参加' }).click();
  await expect(visitor.locator('#phone-error')).toHaveText('请输入11位中国大陆手机号');
  await visitor.locator('#register-form').getByLabel('手机号').fill(phone);
  await visitor.locator('#register-form').getByRole('button', { name: '报名参加' }).click();

  // The ticket: the event, the name, the phone masked.
  await expect(visitor.getByRole('heading', { name: '活动报名凭证', level: 1 })).toBeVisible();
  await expect(visitor.locator('.notice.success')).toContainText('报名成功');
  const ticket = visitor.locator('section.ticket');
  await expect(ticket).toContainText(LECTURE);
  await expect(ticket).toContainText(name);
  await expect(ticket).toContainText(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
  await expect(ticket).not.toContainText(phone);
  await expect(ticket).toContainText('已报名，未签到');
  const ticketUrl = visitor.url();

  // Registering the same phone again is refused at the field.
  await visitor.goBack();
  const again = visitor.locator('#register-form');
  await again.getByLabel('姓名').fill(name);
  await again.getByLabel('手机号').fill(phone);
  await again.getByLabel('乡镇（街道）').selectOption({ label: '钧台街道' });
  await again.getByRole('button', { name: '报名参加' }).click();
  await expect(visitor.locator('#phone-error')).toHaveText('该手机号已报名本活动');

  // The organiser checks the visitor in from the list.
  const staff = await signedIn(browser, ORGANISER_STAFF);
  await staff.goto('/manage/courses');
  await staff.getByRole('link', { name: LECTURE }).first().click();
  await staff.getByRole('link', { name: '报名与签到名单' }).click();
  await expect(staff.getByRole('heading', { name: '报名与签到', level: 1 })).toBeVisible();
  const row = staff.locator('#registrations tbody tr').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: `签到 ${name}` }).click();
  await expect(staff.locator('.notice.success')).toContainText('签到成功');
  await expect(staff.locator('#registrations tbody tr').filter({ hasText: name })).toContainText('已签到');

  // The visitor's ticket says so, and can no longer be cancelled.
  await visitor.goto(ticketUrl);
  await expect(visitor.locator('section.ticket')).toContainText('已签到');
  await expect(visitor.getByRole('button', { name: '取消报名' })).toHaveCount(0);
});

test('a registration can be cancelled from its ticket', async ({ browser }) => {
  const visitor = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await visitor.goto(`/courses?programme=lecture_salon`);
  await visitor.getByRole('link', { name: LECTURE }).first().click();
  const form = visitor.locator('#register-form');
  await form.getByLabel('姓名').fill('临时有事');
  await form.getByLabel('手机号').fill(mobile());
  await form.getByLabel('乡镇（街道）').selectOption({ label: '神垕镇' });
  await form.getByRole('button', { name: '报名参加' }).click();
  await expect(visitor.locator('section.ticket')).toContainText('已报名，未签到');
  await visitor.getByRole('button', { name: '取消报名' }).click();
  await expect(visitor.locator('.notice.success')).toContainText('已取消报名');
  await expect(visitor.locator('section.ticket')).toContainText('已取消');
});

// The demo lecture of today has its session in progress (the seed starts it half an hour
// before seeding), so the screen's code can be scanned at once.
const TODAY = '电商大讲堂：农产品品牌与网货打造';
// The demo college's staff, who organise it.
const COLLEGE_STAFF = '13800000003';

test('a trainee registers for a lecture of today, scans the screen and checks in by phone', async ({ browser }) => {
  const phone = mobile();
  // A trainee registers signed in: the ticket is on "My learning".
  const trainee = await signedIn(browser, '13800000004');
  await trainee.goto(`/courses?programme=lecture_salon`);
  await trainee.getByRole('link', { name: TODAY }).first().click();
  const form = trainee.locator('#register-form');
  await form.getByLabel('姓名').fill('示例学员');
  await form.getByLabel('手机号').fill(phone);
  await form.getByLabel('乡镇（街道）').selectOption({ label: '神垕镇' });
  await form.getByRole('button', { name: '报名参加' }).click();
  await expect(trainee.locator('section.ticket')).toContainText('已报名，未签到');
  const ticketPath = new URL(trainee.url()).pathname;
  await trainee.goto('/learning');
  await expect(trainee.getByRole('heading', { name: '我报名的讲堂和沙龙' })).toBeVisible();
  const mine = trainee.locator('#my-events li').filter({ has: trainee.locator(`a[href="${ticketPath}"]`) });
  await expect(mine).toContainText(TODAY);
  await expect(mine).toContainText('已报名，未签到');

  // The organiser puts the session's code on the screen.
  const staff = await signedIn(browser, COLLEGE_STAFF);
  await staff.goto('/manage/courses?q=' + encodeURIComponent(TODAY));
  await staff.getByRole('link', { name: TODAY }).first().click();
  await expect(staff).toHaveURL(/\/manage\/courses\/\d+$/);
  const coursePath = new URL(staff.url()).pathname;
  await staff.goto(coursePath + '/registrations');
  await staff.locator('#event-sessions li').filter({ hasText: '进行中' }).getByRole('link', { name: '扫码签到' }).click();
  await expect(staff.locator('.checkin-screen svg')).toBeVisible();
  const href = await staff.locator('.checkin-code a').getAttribute('href');
  const path = new URL(href!).pathname;

  // Scanning it from a phone asks for the number registered with, no login.
  const scanner = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 360, height: 740 } })).newPage();
  await scanner.goto(path);
  await expect(scanner).not.toHaveURL(/\/login/);
  await scanner.getByLabel('请输入报名时填写的手机号').fill('13000000000');
  await scanner.getByRole('button', { name: '签到' }).click();
  await expect(scanner.locator('#phone-error')).toContainText('没有找到该手机号的报名');
  await scanner.getByLabel('请输入报名时填写的手机号').fill(phone);
  await scanner.getByRole('button', { name: '签到' }).click();
  await expect(scanner.locator('.notice.success')).toContainText('签到成功');

  // The list shows the check-in, and offers the export.
  await staff.goto(coursePath + '/registrations');
  await expect(staff.locator('#registrations tbody tr').filter({ hasText: '示例学员' }).filter({ hasText: '已签到' }).first()).toBeVisible();
  const download = staff.waitForEvent('download');
  await staff.getByRole('link', { name: '导出 CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);
  await trainee.goto('/learning');
  await expect(mine).toContainText('已签到');
});
