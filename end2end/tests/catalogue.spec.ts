import { expect, test } from '@playwright/test';
import { atPath, expectLoggedIn, newPhone, notice } from './helpers';

// The server under test is seeded with the demo data (see .ci/e2e).

test('browse, search and filter the catalogue, then sign up from a course page and come back', async ({ page }) => {
  await page.goto('/courses');
  await expect(page.getByRole('heading', { name: '培训课程', level: 1 })).toBeVisible();
  await expect(page.locator('.course-card').first()).toBeVisible();
  const all = await page.locator('.course-card').count();

  await page.getByLabel('搜索课程').fill('直播');
  // The filters beyond the search are folded away until asked for.
  await page.locator('details.filter-more summary').click();
  await page.getByLabel('项目类别').selectOption('livestream');
  await page.getByRole('button', { name: '查找', exact: true }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get('programme') === 'livestream' && url.searchParams.get('q') === '直播');
  const cards = page.locator('.course-card');
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBeLessThan(all);
  for (const badge of await cards.locator('.course-meta').allTextContents()) {
    expect(badge).toContain('直播电商');
  }
  // The form remembers the filters.
  await expect(page.getByLabel('搜索课程')).toHaveValue('直播');
  await expect(page.getByLabel('项目类别')).toHaveValue('livestream');

  await page.getByRole('link', { name: '钧瓷直播带货实战班' }).click();
  await expect(page).toHaveURL(/\/courses\/\d+$/);
  const coursePath = new URL(page.url()).pathname;
  await expect(page.getByRole('heading', { name: '课程安排' })).toBeVisible();
  await expect(page.locator('table.data tbody tr').first()).toContainText('第1讲');

  await page.getByRole('link', { name: '没有账号？注册' }).click();
  await expect(page).toHaveURL(atPath('/signup'));
  const phone = newPhone();
  await page.getByLabel('手机号', { exact: true }).fill(phone);
  await page.getByLabel('密码', { exact: true }).fill('catalogue-pass-1');
  await page.getByLabel('确认密码', { exact: true }).fill('catalogue-pass-1');
  await page.getByRole('button', { name: '注册', exact: true }).click();
  await expect(page).toHaveURL(atPath(coursePath));
  await expect(notice(page, '注册成功')).toBeVisible();
  await expectLoggedIn(page, phone);
});

test('lectures and salons show as events with their date first', async ({ page }) => {
  await page.goto('/courses?programme=lecture_salon');
  const event = page.locator('.course-card.event').first();
  await expect(event).toBeVisible();
  await expect(event.locator('.course-date')).toContainText(/\d{4}-\d{2}-\d{2} · 活动/);
});

test('unknown courses are 404', async ({ page }) => {
  const res = await page.goto('/courses/999999');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible();
});
