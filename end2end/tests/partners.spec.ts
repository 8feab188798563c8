import { expect, test } from '@playwright/test';
import { notice } from './helpers';
import { apply, asAdmin, decide, postCourse } from './partner-helpers';

// The server under test is seeded with the demo data (see .ci/e2e): 13800000001 is a bureau
// admin. Every run makes its own partner, so the suite can run twice against one server.

test('a college applies, the bureau approves, staff post a course, the bureau approves it, and it is in the catalogue', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const { name } = await apply(page);
  // Pending partners cannot post courses yet.
  await page.goto('/manage/courses');
  await expect(page.getByRole('link', { name: '新建课程' })).toHaveCount(0);
  await page.goto('/manage/courses/new');
  await expect(page.getByRole('alert')).toContainText('正在审核中');
  await expect(page.locator('form.course-form')).toHaveCount(0);

  const admin = await asAdmin(browser);
  await decide(admin, name, '通过');

  const title = `直播入门测试班${Math.floor(Math.random() * 1e6)}`;
  const path = await postCourse(page, title);

  await admin.goto('/manage/courses?status=submitted');
  await admin.getByRole('link', { name: title }).click();
  await admin.getByRole('button', { name: '通过', exact: true }).click();
  await expect(notice(admin, '课程状态已更新')).toBeVisible();

  await page.goto(path);
  await page.getByRole('button', { name: '开放报名' }).click();
  await expect(page.locator('.badge').filter({ hasText: '报名中' })).toBeVisible();
  // Approved: the content is fixed, the venue can still change.
  await expect(page.getByLabel('课程名称')).toBeDisabled();
  await expect(page.locator('form.course-form').getByLabel('地点')).toBeEnabled();

  // The public finds it with the catalogue's filters.
  const visitor = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await visitor.goto('/courses');
  await visitor.getByLabel('搜索课程').fill(title);
  await visitor.locator('details.filter-more summary').click();
  await visitor.getByLabel('项目类别').selectOption('livestream');
  await visitor.getByLabel('产业').selectOption('jun_porcelain');
  await visitor.getByRole('button', { name: '查找', exact: true }).click();
  await expect(visitor.locator('.course-card')).toHaveCount(1);
  await visitor.getByRole('link', { name: title }).click();
  await expect(visitor.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  await expect(visitor.getByRole('listitem').filter({ hasText: '话术与合规' })).toBeVisible();
  await expect(visitor.getByText(name)).toBeVisible();
  await visitor.goto('/courses?programme=rural&q=' + encodeURIComponent(title));
  await expect(visitor.locator('.course-card')).toHaveCount(0);
});

test('a rejected course says why; a suspended partner can look but not post', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const { name } = await apply(page);
  const admin = await asAdmin(browser);
  await decide(admin, name, '通过');
  const title = `驳回测试班${Math.floor(Math.random() * 1e6)}`;
  const path = await postCourse(page, title);

  await admin.goto('/manage/courses?status=submitted');
  await admin.getByRole('link', { name: title }).click();
  await admin.getByLabel('原因').fill('课时太少，请补充实操内容');
  await admin.getByRole('button', { name: '驳回' }).click();
  await expect(notice(admin, '课程状态已更新')).toBeVisible();

  await page.goto(path);
  await expect(page.getByText('课时太少，请补充实操内容')).toBeVisible();
  await expect(page.locator('.badge').filter({ hasText: '已驳回' })).toBeVisible();
  await expect(page.getByLabel('课程名称')).toBeEnabled();

  await decide(admin, name, '暂停', '投诉核查中');
  await page.goto('/manage/courses');
  await expect(page.getByRole('link', { name: '新建课程' })).toHaveCount(0);
  // The course is still there to read, but nothing on it can be changed or submitted.
  await page.goto(path);
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  await expect(page.locator('form.course-form')).toHaveCount(0);
  await expect(page.getByRole('button', { name: '提交审核' })).toHaveCount(0);
  await expect(page.locator('#session-form')).toHaveCount(0);
  // Their organisation's page says so.
  await page.goto('/manage/partners');
  await page.getByRole('link', { name }).click();
  await expect(page.locator('.notice.warning')).toContainText('可以登录查看，但不能修改');
});
