import { expect, test, type Browser, type Page } from '@playwright/test';
import {
  atPath,
  completeProfile,
  idNumber,
  newPhone,
  notice,
  signUp,
  siteHeader,
  withdraw,
} from './helpers';
import { openCourse } from './partner-helpers';

// The server under test is seeded with the demo data (see .ci/e2e).

async function newTrainee(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signUp(page, newPhone(), 'trainee-pass-1');
  return page;
}

/** Opens the catalogue page of the demo course with `title`. */
async function findCourse(page: Page, title: string): Promise<string> {
  await page.goto(`/courses?q=${encodeURIComponent(title)}`);
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  return new URL(page.url()).pathname;
}

test('sign up, complete the profile (a wrong ID number first), enrol, withdraw; the next in line gets the place', async ({ page, browser }) => {
  test.setTimeout(120_000);
  // A course with a single place, posted and approved for this test.
  const title = `单人测试班${Math.floor(Math.random() * 1e6)}`;
  const path = await openCourse(browser, title, 1);

  await signUp(page, newPhone(), 'trainee-pass-1');
  await page.goto(path);
  await page.getByRole('link', { name: '完善实名信息后报名' }).click();
  await expect(page).toHaveURL(atPath('/profile'));
  const good = idNumber();
  const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  await completeProfile(page, bad);
  await expect(page.locator('#id_number-error')).toContainText('身份证号不正确');
  await expect(page.getByLabel('姓名')).toHaveValue('测试学员');
  await expect(page.getByLabel('身份证号')).toHaveValue('');
  await completeProfile(page, good);
  await expect(page).toHaveURL(atPath(path));
  await expect(notice(page, '实名信息已保存')).toBeVisible();
  await page.getByRole('button', { name: '立即报名' }).click();
  await expect(notice(page, '报名成功')).toBeVisible();

  // The course is now full: the next trainee waits, first in line.
  const second = await newTrainee(browser);
  await second.goto('/profile');
  await completeProfile(second, idNumber());
  await second.goto(path);
  await second.getByRole('button', { name: '名额已满，加入候补' }).click();
  await expect(notice(second, '已加入候补名单')).toBeVisible();
  await expect(second.getByText('您在候补名单第 1 位')).toBeVisible();

  // The first withdraws from My learning; the second has the place on their next visit.
  await page.goto('/learning');
  await withdraw(page.locator('article').filter({ hasText: title }));
  await expect(notice(page, '已取消报名')).toBeVisible();
  await second.goto('/learning');
  await expect(second.locator('article').filter({ hasText: title }).locator('.badge').filter({ hasText: '已报名' })).toBeVisible();
  await second.goto(path);
  await expect(second.getByText('您已报名该课程。')).toBeVisible();
  // … and is told so in their inbox: the header counts the unread, the newest comes first,
  // and opening it marks it read.
  const unread = siteHeader(second).locator('a.inbox-link .unread-badge');
  await expect(unread).toHaveText('2');
  await second.goto('/messages');
  const newest = second.locator('#inbox li').first();
  await expect(newest).toContainText('候补成功');
  await expect(newest).toContainText(title);
  await newest.getByRole('link').click();
  await expect(second.getByRole('heading', { name: '候补成功', level: 1 })).toBeVisible();
  await expect(second.locator('#message-text')).toContainText('已为您从候补名单递补报名');
  await second.goto('/messages');
  await expect(unread).toHaveText('1');

  // The profile shows the ID number masked only.
  await page.goto('/profile');
  await expect(page.getByText(`${good.slice(0, 4)}**********${good.slice(14)}`)).toBeVisible();
  await expect(page.locator('body')).not.toContainText(good);
});

test('enrol in a course with places, see it on My learning, and withdraw', async ({ browser }) => {
  const page = await newTrainee(browser);
  await page.goto('/profile');
  await completeProfile(page, idNumber());
  await findCourse(page, '抖音小店运营入门');
  await page.getByRole('button', { name: '立即报名' }).click();
  await expect(notice(page, '报名成功')).toBeVisible();
  await expect(page.getByText('您已报名该课程。')).toBeVisible();
  await page.goto('/learning');
  const card = page.locator('article').filter({ hasText: '抖音小店运营入门' });
  await expect(card.locator('.badge').filter({ hasText: '已报名' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '近期课程安排' })).toBeVisible();
  await withdraw(card);
  await expect(notice(page, '已取消报名')).toBeVisible();
});
