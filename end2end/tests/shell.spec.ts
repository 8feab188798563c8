import { expect, test, type Page } from '@playwright/test';
import { atPath, expectLoggedOut, newPhone, siteHeader } from './helpers';

const EN_HOME_TITLE = 'Yuzhou e-commerce talent training and incubation';

/** The layout every page shares, checked in Chinese (the default). */
async function expectChineseShell(page: Page): Promise<void> {
  const header = siteHeader(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(header).toBeVisible();
  await expect(header.getByRole('link', { name: /禹才/ }).first()).toBeVisible();
  await expect(header.locator('nav.main-nav')).toHaveCount(1);
  await expect(header.locator('a.lang-switch')).toHaveText('English');
}

/** From the current (Chinese) page, follow the language link to English. */
async function switchToEnglish(page: Page): Promise<void> {
  const langSwitch = siteHeader(page).locator('a.lang-switch');
  await expect(langSwitch).toHaveText('English');
  await langSwitch.click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(langSwitch).toHaveText('中文');
}

test.describe('page shell (Chinese, logged out)', () => {
  for (const path of ['/', '/login', '/signup']) {
    test(`header on ${path}`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expectChineseShell(page);
      await expectLoggedOut(page);
    });
  }

  test('home page has a heading', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });
});

test('language switch persists across pages', async ({ page }) => {
  const html = page.locator('html');
  const header = siteHeader(page);
  const langSwitch = header.locator('a.lang-switch');

  await test.step('Chinese by default', async () => {
    await page.goto('/');
    await expectChineseShell(page);
    await expect(header.getByRole('link', { name: '登录', exact: true })).toBeVisible();
  });

  await test.step('"English" switches the home page to English', async () => {
    await switchToEnglish(page);
    await expect(page).toHaveURL(atPath('/'));
    await expect(header.getByRole('link', { name: 'Log in', exact: true })).toBeVisible();
    await expect(header.getByRole('link', { name: 'Sign up', exact: true })).toHaveAttribute(
      'href',
      '/signup',
    );
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(EN_HOME_TITLE);
  });

  await test.step('English stays on after navigating to /login', async () => {
    await header.getByRole('link', { name: 'Log in', exact: true }).click();
    await expect(page).toHaveURL(atPath('/login'));
    await expect(html).toHaveAttribute('lang', 'en');
    await expect(page.getByLabel('Mobile number', { exact: true })).toBeVisible();
    await expect(page.getByLabel('Password', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Log in', exact: true })).toBeVisible();
  });

  await test.step('English /signup form', async () => {
    await page.goto('/signup');
    await expect(html).toHaveAttribute('lang', 'en');
    await expect(page.getByLabel('Mobile number', { exact: true })).toBeVisible();
    await expect(page.getByLabel('Password', { exact: true })).toBeVisible();
    await expect(page.getByLabel('Confirm password', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign up', exact: true })).toBeVisible();
  });

  await test.step('"中文" switches back and stays on the same page', async () => {
    await page.goto('/login');
    await expect(langSwitch).toHaveText('中文');
    await langSwitch.click();
    await expect(html).toHaveAttribute('lang', 'zh-CN');
    await expect(page).toHaveURL(atPath('/login'));
    await expect(langSwitch).toHaveText('English');
    await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible();
    await expect(page.getByLabel('手机号', { exact: true })).toBeVisible();
  });

  await test.step('Chinese stays on after navigating home', async () => {
    await page.goto('/');
    await expectChineseShell(page);
    await expect(header.getByRole('link', { name: '登录', exact: true })).toBeVisible();
  });
});

test('English log-in error message', async ({ page }) => {
  await page.goto('/login');
  await switchToEnglish(page);
  await expect(page).toHaveURL(atPath('/login'));
  await page.getByLabel('Mobile number', { exact: true }).fill(newPhone());
  await page.getByLabel('Password', { exact: true }).fill('no-such-account-pw');
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page.locator('.form-error')).toContainText('Wrong mobile number or password');
  await expect(page).toHaveURL(atPath('/login'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test.describe('not found', () => {
  test('unknown path is a 404 page (Chinese)', async ({ page }) => {
    const response = await page.goto('/definitely-not-a-page');
    expect(response, 'a navigation response').not.toBeNull();
    expect(response!.status()).toBe(404);
    await expect(page.locator('body')).toContainText('页面不存在');
    await expectChineseShell(page);
  });

  test('unknown path is a 404 page (English)', async ({ page }) => {
    await page.goto('/');
    await switchToEnglish(page);
    const response = await page.goto('/definitely-not-a-page');
    expect(response, 'a navigation response').not.toBeNull();
    expect(response!.status()).toBe(404);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('body')).toContainText('Page not found');
  });
});

test('health check', async ({ request }) => {
  const response = await request.get('/healthz');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/json');
  expect(await response.json()).toMatchObject({ status: 'ok', db: 'ok' });
});
