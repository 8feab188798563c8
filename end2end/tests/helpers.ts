import { expect, type Browser, type Locator, type Page } from '@playwright/test';

/** A fresh mainland mobile number: '139' followed by 8 random digits. */
export function newPhone(): string {
  let phone = '139';
  for (let i = 0; i < 8; i++) {
    phone += Math.floor(Math.random() * 10).toString();
  }
  return phone;
}

/** How the header shows a phone number: first 3 digits, "****", last 4 digits. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** A predicate for `expect(page).toHaveURL(...)`: the path is exactly `pathname`, any query. */
/** A valid resident ID number (GB 11643) for a fictional person (county code 419999). */
export function idNumber(): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const checks = '10X98765432';
  let first17 = '41999919' + String(70 + Math.floor(Math.random() * 30)) + '0101';
  for (let i = 0; i < 3; i++) first17 += Math.floor(Math.random() * 10).toString();
  const sum = [...first17].reduce((acc, c, i) => acc + Number(c) * weights[i], 0);
  return first17 + checks[sum % 11];
}

export function atPath(pathname: string): (url: URL) => boolean {
  return (url: URL) => url.pathname === pathname;
}

/** A flash notice (`.notice`, optionally also `.<kind>`) that contains `text`. */
export function notice(page: Page, text: string, kind?: string): Locator {
  return page.locator(kind ? `.notice.${kind}` : '.notice').filter({ hasText: text });
}

export function siteHeader(page: Page): Locator {
  return page.locator('header.site-header');
}

/**
 * Opens the phone menu when the page shows one (a phone-sized screen); on a desktop the
 * navigation and account tools are in the header already.
 */
export async function openMenu(page: Page): Promise<void> {
  const toggle = siteHeader(page).locator('summary.nav-toggle');
  if (await toggle.isVisible()) {
    const menu = siteHeader(page).locator('details.nav-menu');
    if ((await menu.getAttribute('open')) === null) await toggle.click();
    await expect(siteHeader(page).locator('nav.menu-nav')).toBeVisible();
  }
}

/** The "logged in" header: masked phone, account link, log-out button in its form. */
export async function expectLoggedIn(page: Page, phone: string): Promise<void> {
  const header = siteHeader(page);
  await expect(header.locator('.user-name')).toHaveText(maskPhone(phone));
  await expect(header.locator('a.account-link')).toHaveAttribute('href', '/account');
  await openMenu(page);
  await expect(
    header.locator('form.logout-form').getByRole('button', { name: '退出登录', exact: true }),
  ).toBeVisible();
  await expect(header.getByRole('link', { name: '登录', exact: true })).toHaveCount(0);
}

/** The "logged out" header (Chinese): log-in and sign-up links, no user name. */
export async function expectLoggedOut(page: Page): Promise<void> {
  const header = siteHeader(page);
  await expect(header.getByRole('link', { name: '登录', exact: true })).toHaveAttribute(
    'href',
    '/login',
  );
  await expect(header.getByRole('link', { name: '注册', exact: true })).toHaveAttribute(
    'href',
    '/signup',
  );
  await expect(header.locator('.user-name')).toHaveCount(0);
}

export interface SignUpFields {
  phone: string;
  password: string;
  confirm?: string;
}

/** Opens /signup, fills the form and submits it; asserts nothing about the outcome. */
export async function submitSignUp(page: Page, fields: SignUpFields): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('手机号', { exact: true }).fill(fields.phone);
  await page.getByLabel('密码', { exact: true }).fill(fields.password);
  await page.getByLabel('确认密码', { exact: true }).fill(fields.confirm ?? fields.password);
  await page.getByRole('button', { name: '注册', exact: true }).click();
}

/** Signs up a new account and checks that it lands on the profile form (the next step) logged in. */
export async function signUp(page: Page, phone: string, password: string): Promise<void> {
  await submitSignUp(page, { phone, password });
  await expect(page).toHaveURL(atPath('/profile'));
  await expect(notice(page, '注册成功', 'success')).toBeVisible();
  await expectLoggedIn(page, phone);
}

/** Fills and submits the log-in form on the current page (which must be /login). */
export async function submitLogIn(page: Page, phone: string, password: string): Promise<void> {
  await page.getByLabel('手机号', { exact: true }).fill(phone);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** Opens /login and logs in; asserts nothing about the outcome. */
export async function logIn(page: Page, phone: string, password: string): Promise<void> {
  await page.goto('/login');
  await submitLogIn(page, phone, password);
}

/** Clicks "退出登录" in the header and checks the logged-out result. */
export async function logOut(page: Page): Promise<void> {
  await openMenu(page);
  await siteHeader(page)
    .locator('form.logout-form')
    .getByRole('button', { name: '退出登录', exact: true })
    .click();
  await expect(page).toHaveURL(atPath('/'));
  await expect(notice(page, '您已退出登录')).toBeVisible();
  await expectLoggedOut(page);
}

/** Today, and `days` from today, in Beijing (the dates the server checks against). */
export function beijingDate(days = 0): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

/** A new Chinese-language browser context signed in as a demo account. */
export async function signedIn(browser: Browser, phone: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await logIn(page, phone, 'demo-password');
  await expect(page).toHaveURL(atPath('/'));
  return page;
}

/** Fills and saves the real-name profile form on the current page (/profile). */
export async function completeProfile(page: Page, id: string, name = '测试学员'): Promise<void> {
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('身份证号').fill(id);
  await page.getByLabel('乡镇（街道）').selectOption({ label: '神垕镇' });
  await page.getByLabel('文化程度').selectOption('senior_high');
  await page.getByLabel('培训前状况').selectOption('returning_migrant');
  await page.getByLabel('电商经验').selectOption('buyer_only');
  await page.getByLabel(/我同意/).check();
  await page.getByRole('button', { name: '保存' }).click();
}

/** Withdraws from the course shown in `scope` (a course page or a My learning card): the
 *  button asks first, the confirmation withdraws. */
export async function withdraw(scope: Page | Locator): Promise<void> {
  await scope.locator('summary', { hasText: '取消报名' }).click();
  await scope.getByRole('button', { name: '确认取消报名' }).click();
}

/** Everyone present at the session shown: unmarked rows first, then the rest, confirmed. */
export async function everyonePresent(staff: Page, count: number): Promise<void> {
  await staff.getByRole('button', { name: '其余未记的记为出勤' }).click();
  await expect(notice(staff, '考勤已保存')).toBeVisible();
  const overwrite = staff.locator('details.confirm-action').filter({ hasText: '全部改为出勤' });
  const others = count - (await staff.locator('table.attendance input[value="present"]:checked').count());
  if (others > 0) {
    // Changing marks already taken is offered apart and says how many it changes.
    await overwrite.locator('summary').click();
    await expect(overwrite.getByText(`这将把 ${others} 条已记录的迟到、缺勤或请假改为出勤`)).toBeVisible();
    await overwrite.getByRole('button', { name: '确认全部改为出勤' }).click();
    await expect(notice(staff, '考勤已保存')).toBeVisible();
  } else {
    await expect(overwrite).toHaveCount(0);
  }
  await expect(staff.locator('table.attendance input[value="present"]:checked')).toHaveCount(count);
}

/** Follows the header's navigation link `name`: through the menu on a phone, or the
 *  drop-down holding it on a desktop. */
export async function navTo(page: Page, name: string): Promise<void> {
  const header = siteHeader(page);
  await openMenu(page);
  const link = header.locator('nav:visible').getByRole('link', { name, exact: true });
  if (!(await link.isVisible())) {
    const group = header
      .locator('details.nav-group')
      .filter({ has: page.locator(`a:text-is("${name}")`) });
    await group.locator('summary').click();
  }
  await link.click();
}
