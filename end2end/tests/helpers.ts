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

/** The "logged in" header: masked phone, account link, log-out button in its form. */
export async function expectLoggedIn(page: Page, phone: string): Promise<void> {
  const header = siteHeader(page);
  await expect(header.locator('.user-name')).toHaveText(maskPhone(phone));
  await expect(header.getByRole('link', { name: '我的账户', exact: true })).toHaveAttribute(
    'href',
    '/account',
  );
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

/** Signs up a new account and checks that it lands on "/" logged in. */
export async function signUp(page: Page, phone: string, password: string): Promise<void> {
  await submitSignUp(page, { phone, password });
  await expect(page).toHaveURL(atPath('/'));
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
