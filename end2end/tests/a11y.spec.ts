import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signedIn } from './helpers';

// axe-core over every page each role reaches, on the desktop and the phone projects: no
// serious or critical violation (WCAG 2.1 A and AA rules, and axe's best practices).

const ADMIN = '13800000001';
const VIEWER = '13800000002';
const CLERK = '13800000003';
const TRAINEE = '13800000004';
const TOWN_VIEWER = '13800000005';

/** The first link on `path` whose address starts with `prefix` (a page with an id). */
async function firstLink(page: Page, path: string, prefix: string): Promise<string | null> {
  await page.goto(path);
  const hrefs = await page
    .locator(`main a[href^="${prefix}"]`)
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  return hrefs.find((h) => /\d/.test(h.slice(prefix.length)) && !h.includes('?')) ?? null;
}

async function check(page: Page, path: string): Promise<string[]> {
  const res = await page.goto(path);
  expect(res?.status(), path).toBeLessThan(400);
  await expect(page.locator('main')).toBeVisible();
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${path}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

async function checkAll(page: Page, paths: (string | null)[]): Promise<void> {
  const found: string[] = [];
  for (const path of paths) {
    if (path) found.push(...(await check(page, path)));
  }
  expect(found, found.join('\n')).toEqual([]);
}

async function as(browser: Browser, phone: string | null): Promise<Page> {
  return phone ? signedIn(browser, phone) : (await browser.newContext({ locale: 'zh-CN' })).newPage();
}

test.describe('accessibility (axe-core): no serious or critical violation', () => {
  test.describe.configure({ timeout: 240_000 });

  test('public pages', async ({ browser }) => {
    const page = await as(browser, null);
    const course = await firstLink(page, '/courses', '/courses/');
    const place = await firstLink(page, '/places', '/places/');
    const notice = await firstLink(page, '/notices', '/notices/');
    await checkAll(page, [
      '/',
      '/courses',
      course,
      '/login',
      '/signup',
      '/activate',
      '/places',
      place,
      '/notices',
      notice,
      '/verify',
      '/partners/apply',
      '/reset',
    ]);
  });

  test('a trainee’s pages', async ({ browser }) => {
    const page = await as(browser, TRAINEE);
    await checkAll(page, [
      '/',
      '/learning',
      '/messages',
      '/profile',
      '/account',
      '/applications',
      '/outcomes',
      '/record',
      '/host',
      '/manage/selections',
    ]);
  });

  test('a college clerk’s pages', async ({ browser }) => {
    const page = await as(browser, CLERK);
    const course = await firstLink(page, '/manage/courses', '/manage/courses/');
    const own = await firstLink(page, '/manage/courses?status=running', '/manage/courses/');
    await page.goto('/');
    const org = await page.locator('header a[href^="/manage/partners/"]').first().getAttribute('href');
    await checkAll(page, [
      org,
      '/manage/courses',
      '/manage/courses/new',
      course,
      own && `${own}/roster`,
      own && `${own}/attendance`,
      own && `${own}/attendance/overview`,
      own && `${own}/attendance/import`,
      own && `${own}/completion`,
      own && `${own}/certificates`,
      '/manage/imports',
      '/manage/agreements',
      '/manage/places',
      '/manage/hosts',
      '/manage/people',
      '/manage/subsidies',
      '/manage/selections',
    ]);
  });

  test('the bureau admin’s pages', async ({ browser }) => {
    const page = await as(browser, ADMIN);
    const person = await firstLink(page, '/manage/people?q=' + encodeURIComponent('示例'), '/manage/people/');
    const partner = await firstLink(page, '/manage/partners', '/manage/partners/');
    const base = await firstLink(page, '/manage/bases', '/manage/bases/');
    const round = await firstLink(page, '/manage/selections', '/manage/selections/');
    const host = await firstLink(page, '/manage/hosts', '/manage/hosts/');
    const place = await firstLink(page, '/manage/places', '/manage/places/');
    const lecture = await firstLink(
      page,
      '/manage/courses?q=' + encodeURIComponent('电商大讲堂'),
      '/manage/courses/',
    );
    await checkAll(page, [
      '/manage/dashboard',
      '/manage/dashboard/print',
      '/manage/dashboard/people?figure=trained',
      '/manage/targets',
      '/manage/partners',
      partner,
      '/manage/courses',
      '/manage/courses/new',
      '/manage/courses?status=submitted',
      lecture && `${lecture}/registrations`,
      '/manage/people',
      person,
      '/manage/follow-ups',
      '/manage/agreements',
      '/manage/places',
      place,
      '/manage/placements',
      '/manage/bases',
      base,
      '/manage/hosts',
      host,
      '/manage/subsidies',
      '/manage/selections',
      round,
      '/manage/audit',
      '/admin/messages',
      '/admin/users',
      '/manage/imports',
    ]);
  });

  test('the viewers’ pages', async ({ browser }) => {
    const viewer = await as(browser, VIEWER);
    await checkAll(viewer, ['/manage/dashboard', '/manage/people', '/manage/follow-ups', '/manage/bases']);
    const town = await as(browser, TOWN_VIEWER);
    await checkAll(town, ['/manage/dashboard', '/manage/people', '/manage/courses']);
  });
});
