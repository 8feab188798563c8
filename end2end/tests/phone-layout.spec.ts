import { expect, test } from '@playwright/test';
import { openMenu, siteHeader } from './helpers';

// Phone-only layout checks: the desktop project does not run this file (playwright.config.ts).

test.describe('phone layout', () => {
  const pages: { path: string; submit?: string }[] = [
    { path: '/' },
    { path: '/login', submit: '登录' },
    { path: '/signup', submit: '注册' },
  ];

  for (const { path, submit } of pages) {
    test(`no horizontal scroll on ${path}`, async ({ page }) => {
      await page.goto(path);
      await expect(siteHeader(page)).toBeVisible();
      const button = submit ? page.getByRole('button', { name: submit, exact: true }) : null;
      if (button) {
        await expect(button).toBeVisible();
      } else {
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      }

      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      const viewportWidth = page.viewportSize()?.width ?? 360;
      // A mobile browser zooms out to fit content that overflows (innerWidth grows past
      // the device width), and without a width=device-width viewport meta innerWidth is
      // 980: so check the document against the device width and innerWidth both.
      expect(scrollWidth, 'document width').toBeLessThanOrEqual(viewportWidth);
      expect(innerWidth, 'layout viewport width').toBe(viewportWidth);
      expect(scrollWidth, 'document width').toBeLessThanOrEqual(innerWidth);

      if (button) {
        const box = await button.boundingBox();
        expect(box, 'submit button box').not.toBeNull();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(innerWidth);
      }
    });
  }
});

test('the catalogue fits a phone screen', async ({ page }) => {
  for (const path of ['/courses', '/courses?programme=livestream']) {
    await page.goto(path);
    await expect(page.locator('.course-card').first()).toBeVisible();
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(innerWidth).toBe(360);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  }
});

/** The document is no wider than the phone (wide tables scroll inside their own box). */
async function expectNoSideScroll(page: import('@playwright/test').Page, path: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(innerWidth, path).toBe(360);
  expect(scrollWidth, path).toBeLessThanOrEqual(innerWidth);
}

test('partner and bureau work pages fit a phone screen', async ({ page }) => {
  await page.goto('/partners/apply');
  await expect(page.getByRole('button', { name: '提交申请' })).toBeVisible();
  await expectNoSideScroll(page, '/partners/apply');
  await page.goto('/places');
  await expect(page.locator('.place-card').first()).toBeVisible();
  await expectNoSideScroll(page, '/places');
  await page.locator('.place-card a').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoSideScroll(page, 'a place page');

  for (const phone of ['13800000003', '13800000001']) {
    await page.goto('/login');
    await page.getByLabel('手机号', { exact: true }).fill(phone);
    await page.getByLabel('密码', { exact: true }).fill('demo-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page.locator('header .user-name')).toBeVisible();
    // The bureau's dashboard, the people behind a figure, the targets, the audit log and the
    // subsidy claim list.
    const bureauOnly =
      phone === '13800000001'
        ? ['/manage/dashboard', '/manage/dashboard/people?figure=trained', '/manage/dashboard/print', '/manage/targets', '/manage/audit', '/manage/subsidies']
        : [];
    for (const path of ['/manage/courses', '/manage/courses/new', '/manage/agreements', '/manage/partners', '/manage/places', '/manage/placements', '/manage/people', '/manage/follow-ups', ...bureauOnly]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoSideScroll(page, path);
    }
    await page.goto('/manage/courses');
    await page.locator('table.data tbody a').first().click();
    await expect(page.getByRole('heading', { name: '课程安排' })).toBeVisible();
    await expectNoSideScroll(page, 'a course page');
    await openMenu(page);
    await page.locator('form.logout-form button:visible').click();
    await expect(page.locator('header .user-name')).toHaveCount(0);
  }

  // A base's KPIs and events, as its staff see them.
  await page.goto('/login');
  await page.getByLabel('手机号', { exact: true }).fill('13800000102');
  await page.getByLabel('密码', { exact: true }).fill('demo-password');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.locator('header .user-name')).toBeVisible();
  await page.goto('/manage/bases');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoSideScroll(page, '/manage/bases');
  await page.locator('table.kpi-table tbody a').first().click();
  await expect(page.getByRole('heading', { name: '活动记录' })).toBeVisible();
  await expectNoSideScroll(page, "a base's KPIs");
});
