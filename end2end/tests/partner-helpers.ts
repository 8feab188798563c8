import { expect, type Browser, type Page } from '@playwright/test';
import { atPath, newPhone, notice, submitLogIn } from './helpers';

// Walks shared by the partner and enrolment tests: a college applies, the bureau decides,
// staff post a course. The demo data's 13800000001 is a bureau admin.

const ADMIN = '13800000001';
const DEMO_PASSWORD = 'demo-password';

/** A unified social credit code with a correct GB 32100 check character. */
function creditCode(): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let first17 = '92411081MA';
  for (let i = 0; i < 7; i++) first17 += Math.floor(Math.random() * 10).toString();
  const sum = [...first17].reduce((acc, c, i) => acc + chars.indexOf(c) * weights[i], 0);
  return first17 + chars[(31 - (sum % 31)) % 31];
}

export function daysFromNow(n: number): string {
  const d = new Date(Date.now() + 8 * 3600_000 + n * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** Applies as a college; returns its name and the page it lands on (signed in as its admin). */
export async function apply(page: Page): Promise<{ name: string; phone: string }> {
  const name = `禹州测试学院${Math.floor(Math.random() * 1e6)}（示例）`;
  const phone = newPhone();
  await page.goto('/');
  await page.getByRole('link', { name: '合作机构入驻申请' }).click();
  await expect(page).toHaveURL(atPath('/partners/apply'));
  await page.getByLabel('机构类型').selectOption('college');
  await page.getByLabel('机构名称').fill(name);
  await page.getByLabel('统一社会信用代码').fill('91411081MA00000000');
  await page.getByLabel('乡镇（街道）').selectOption({ label: '颍川街道' });
  await page.getByLabel('联系人').fill('王老师');
  await page.getByLabel('联系电话').fill('13700000001');
  await page.getByLabel('姓名').fill('王老师');
  await page.getByLabel('手机号', { exact: true }).fill(phone);
  await page.getByLabel('密码', { exact: true }).fill('college-pass-1');
  await page.getByLabel('确认密码', { exact: true }).fill('college-pass-1');
  await page.getByRole('button', { name: '提交申请' }).click();
  // A wrong check character is named next to the field, and the other values stay.
  await expect(page.locator('#credit_code-error')).toContainText('校验位不正确');
  await expect(page.getByLabel('机构名称')).toHaveValue(name);
  await page.getByLabel('统一社会信用代码').fill(creditCode());
  await page.getByLabel('密码', { exact: true }).fill('college-pass-1');
  await page.getByLabel('确认密码', { exact: true }).fill('college-pass-1');
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page).toHaveURL(/\/manage\/partners\/\d+/);
  await expect(notice(page, '申请已提交', 'success')).toBeVisible();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(page.locator('.badge').filter({ hasText: '待审核' })).toBeVisible();
  return { name, phone };
}

export async function asAdmin(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto('/login');
  await submitLogIn(page, ADMIN, DEMO_PASSWORD);
  await expect(page).toHaveURL(atPath('/'));
  return page;
}

/** The bureau opens a partner from the list and takes a decision. */
export async function decide(admin: Page, name: string, decision: string, reason?: string): Promise<void> {
  await admin.goto(`/manage/partners?q=${encodeURIComponent(name)}`);
  await admin.getByRole('link', { name }).click();
  const form = admin.locator('form.decision').filter({ has: admin.getByRole('button', { name: decision }) });
  if (reason) await form.getByLabel('原因').fill(reason);
  await form.getByRole('button', { name: decision }).click();
  await expect(notice(admin, '已保存审核结果')).toBeVisible();
}

/** Staff create a course with one session and submit it; returns the course page's path. */
export async function postCourse(page: Page, title: string, capacity = 30): Promise<string> {
  await page.goto('/manage/courses');
  await page.getByRole('link', { name: '新建课程' }).click();
  await page.getByLabel('课程名称').fill(title);
  await page.getByLabel('课程介绍').fill('面向返乡青年的直播入门课程。\n\n- 直播间搭建\n- 话术与合规');
  await page.getByLabel('项目类别').selectOption('livestream');
  await page.getByLabel('层次').selectOption('entry');
  await page.getByLabel('形式').selectOption('onsite');
  await page.getByLabel('钧瓷').check();
  await page.getByLabel('乡镇（街道）').selectOption({ label: '神垕镇' });
  await page.getByLabel('地点').fill('神垕镇示例教室');
  await page.getByLabel('名额', { exact: true }).fill(String(capacity));
  await page.getByLabel('总学时').fill('6');
  await page.getByLabel('开始日期', { exact: true }).fill(daysFromNow(20));
  await page.getByLabel('结束日期', { exact: true }).fill(daysFromNow(10));
  await page.getByRole('button', { name: '保存草稿' }).click();
  // End before start: the message is next to the field and nothing was saved.
  await expect(page).toHaveURL(atPath('/manage/courses/new'));
  await expect(page.locator('#ends_on-error')).toContainText('结束不能早于开始');
  await expect(page.getByLabel('课程名称')).toHaveValue(title);
  await page.getByLabel('结束日期', { exact: true }).fill(daysFromNow(21));
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page).toHaveURL(/\/manage\/courses\/\d+/);
  await expect(notice(page, '课程草稿已创建')).toBeVisible();
  const path = new URL(page.url()).pathname;

  const session = page.locator('#session-form');
  await session.getByLabel('日期', { exact: true }).fill(daysFromNow(20));
  await session.getByLabel('开始时间').fill('09:00');
  await session.getByLabel('结束时间').fill('12:00');
  await session.getByLabel('内容').fill('直播间搭建');
  await session.getByLabel('学时', { exact: true }).fill('3');
  await session.getByRole('button', { name: '添加课次' }).click();
  await expect(notice(page, '课次已保存')).toBeVisible();
  await expect(page.locator('#sessions table.data tbody tr')).toHaveCount(1);

  await page.getByRole('button', { name: '提交审核' }).click();
  await expect(notice(page, '课程状态已更新')).toBeVisible();
  await expect(page.locator('.badge').filter({ hasText: '待审核' })).toBeVisible();
  return path;
}


/** A course with `capacity` places, approved by the bureau and open for enrolment. */
export async function openCourse(browser: Browser, title: string, capacity: number): Promise<string> {
  return (await openCourseWithStaff(browser, title, capacity)).path;
}

/** As `openCourse`; also the phone of the provider's staff (password `college-pass-1`). */
export async function openCourseWithStaff(
  browser: Browser,
  title: string,
  capacity: number,
): Promise<{ path: string; phone: string }> {
  const staff = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  const { name, phone } = await apply(staff);
  const admin = await asAdmin(browser);
  await decide(admin, name, '通过');
  const path = await postCourse(staff, title, capacity);
  await admin.goto('/manage/courses?status=submitted');
  await admin.getByRole('link', { name: title }).click();
  await admin.getByRole('button', { name: '通过', exact: true }).click();
  await expect(notice(admin, '课程状态已更新')).toBeVisible();
  await staff.goto(path);
  await staff.getByRole('button', { name: '开放报名' }).click();
  await expect(staff.locator('.badge').filter({ hasText: '报名中' })).toBeVisible();
  await staff.context().close();
  await admin.context().close();
  return { path: path.replace('/manage/courses/', '/courses/'), phone };
}
