import { expect, test, type Browser, type Page } from '@playwright/test';
import { logIn } from '../tests/helpers';

// The pictures in the README (docs/screenshots/): what a newcomer sees first, as each user.
const OUT = '../docs/screenshots';
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

async function open(
  browser: Browser,
  viewport: { width: number; height: number },
  phone: string | null,
): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport,
    deviceScaleFactor: 1,
    isMobile: viewport.width < 400,
    hasTouch: viewport.width < 400,
  });
  const page = await context.newPage();
  if (phone) {
    await logIn(page, phone, 'demo-password');
    await expect(page).toHaveURL((url) => url.pathname === '/');
  }
  return page;
}

async function shoot(page: Page, path: string, name: string) {
  await page.goto(path);
  await expect(page.locator('main')).toBeVisible();
  await page.screenshot({ path: `${OUT}/${name}.jpg`, type: 'jpeg', quality: 70 });
}

test('the main pages on a phone and a desktop', async ({ browser }) => {
  test.setTimeout(120_000);
  const visitor = await open(browser, PHONE, null);
  await shoot(visitor, '/', 'phone-home');
  await shoot(visitor, '/courses', 'phone-catalogue');
  const trainee = await open(browser, PHONE, '13800000004');
  await shoot(trainee, '/learning', 'phone-learning');
  await trainee.locator('summary.nav-toggle').click();
  await trainee.screenshot({ path: `${OUT}/phone-menu.jpg`, type: 'jpeg', quality: 70 });
  const clerk = await open(browser, DESKTOP, '13800000003');
  await clerk.goto('/manage/courses?q=' + encodeURIComponent('中医药产品电商运营'));
  await clerk.getByRole('link', { name: '中医药产品电商运营' }).click();
  const course = new URL(clerk.url()).pathname;
  await shoot(clerk, `${course}/attendance`, 'desktop-attendance');
  const admin = await open(browser, DESKTOP, '13800000001');
  await shoot(admin, '/manage/dashboard', 'desktop-dashboard');
});
