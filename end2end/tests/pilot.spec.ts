import { expect, test, type Page } from '@playwright/test';
import {
  atPath,
  beijingDate,
  completeProfile,
  idNumber,
  logOut,
  newPhone,
  notice,
  openMenu,
  signedIn,
  signUp,
  siteHeader,
} from './helpers';

// What a pilot would stumble over, each seen in the browser first: completion mid-course,
// navigation that does not fit, actions without a second chance, personal data in URLs and
// after logout, voided certificates (see delivery.spec.ts), the printed report, past dates,
// and smaller things. Each test runs on the desktop and the phone projects.

const ADMIN = '13800000001';
const CLERK = '13800000003';
const TRAINEE = '13800000004';

/** Fills the course form's required fields: an online course of two days from `start`. */
async function fillCourse(page: Page, title: string, start: string): Promise<void> {
  await page.getByLabel('课程名称').fill(title);
  await page.getByLabel('项目类别').selectOption('rural');
  await page.getByLabel('层次').selectOption('entry');
  await page.getByLabel('形式').selectOption('online');
  await page.getByLabel('名额').fill('20');
  await page.getByLabel('总学时').fill('8');
  await page.getByLabel('开始日期', { exact: true }).fill(start);
  const end = new Date(new Date(start).getTime() + 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('结束日期', { exact: true }).fill(end);
}

/** Every request the page makes, to check that none carries a long URL. */
function watchUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

async function courseId(page: Page, title: string): Promise<string> {
  await page.goto('/manage/courses?q=' + encodeURIComponent(title));
  const href = await page.getByRole('link', { name: title, exact: true }).first().getAttribute('href');
  const id = href!.split('/').pop()!;
  expect(id).toMatch(/^\d+$/);
  return id;
}

test.describe('1. completion waits for the last session', () => {
  test('a running course cannot be confirmed, and the roster and check-in count everyone', async ({ browser }) => {
    const clerk = await signedIn(browser, CLERK);
    const id = await courseId(clerk, '中医药产品电商运营');
    await clerk.goto(`/manage/courses/${id}/completion`);
    await expect(clerk.getByText(/最后一次课于 .* 结束，之后才能确认结业/)).toBeVisible();
    await expect(clerk.getByRole('button', { name: '确认结业' })).toHaveCount(0);
    // The JSON API refuses too, saying why.
    const res = await clerk.request.post(`/api/v1/courses/${id}/completion`, {
      headers: { Origin: new URL(clerk.url()).origin, Accept: 'application/json' },
    });
    expect(res.status()).toBe(409);
    expect(JSON.stringify(await res.json())).toContain('最后一次课结束后才能确认结业');

    // A finished course whose completion was confirmed: everyone is still on its roster.
    const admin = await signedIn(browser, ADMIN);
    const finished = await courseId(admin, '三粉（红薯粉条）网销与包装设计');
    for (const view of ['', '?status=enrolled']) {
      await admin.goto(`/manage/courses/${finished}/roster${view}`);
      await expect(admin.locator('table.roster tbody tr').first()).toBeVisible();
      await expect(admin.getByText(/^共 [1-9]\d* 人$/)).toBeVisible();
      await expect(admin.locator('table.roster')).toContainText('已结业');
    }
  });
});

test.describe('2. navigation that fits', () => {
  /** No link of the header's visible navigation is cut off or outside the window. */
  async function expectNavFits(page: Page) {
    const width = page.viewportSize()!.width;
    const links = siteHeader(page).locator('nav a:visible, nav summary:visible');
    const n = await links.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      const box = (await links.nth(i).boundingBox())!;
      expect(box.x, await links.nth(i).innerText()).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, await links.nth(i).innerText()).toBeLessThanOrEqual(width);
      const cut = await links.nth(i).evaluate((el) => el.scrollWidth > el.clientWidth + 1);
      expect(cut, await links.nth(i).innerText()).toBe(false);
    }
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(width);
  }

  test('the trainee finds learning and the profile first', async ({ browser }, testInfo) => {
    const page = await signedIn(browser, TRAINEE);
    await openMenu(page);
    await expectNavFits(page);
    const nav = siteHeader(page).locator('nav:visible');
    const first = nav.locator('a').first();
    await expect(first).toHaveText('我的学习');
    await expect(nav.getByRole('link', { name: '实名信息' })).toBeVisible();
    if (testInfo.project.name === 'phone') {
      // Everything is in the menu: the groups too, and the account.
      await expect(nav.getByRole('link', { name: '我的申请' })).toBeVisible();
      await expect(nav.getByRole('link', { name: '我的账户' })).toBeVisible();
      await nav.getByRole('link', { name: '实名信息' }).click();
      await expect(page).toHaveURL(atPath('/profile'));
    }
  });

  test('the bureau admin reaches every page from grouped menus', async ({ browser }, testInfo) => {
    const page = await signedIn(browser, ADMIN);
    await openMenu(page);
    await expectNavFits(page);
    const nav = siteHeader(page).locator('nav:visible');
    if (testInfo.project.name !== 'phone') {
      await nav.locator('summary', { hasText: '监督管理' }).click();
      await expectNavFits(page);
    }
    for (const name of ['操作日志', '用户管理', '补贴申领']) {
      const link = nav.getByRole('link', { name });
      await expect(link).toBeVisible();
      await expect(link).toBeInViewport();
    }
    await nav.getByRole('link', { name: '操作日志' }).click();
    await expect(page).toHaveURL(atPath('/manage/audit'));
    // The group of the page one is on is marked.
    if (testInfo.project.name !== 'phone') {
      await expect(siteHeader(page).locator('summary[data-current]')).toHaveText('监督管理');
    }
  });

  test('the college clerk sees whole words', async ({ browser }, testInfo) => {
    const page = await signedIn(browser, CLERK);
    await openMenu(page);
    const nav = siteHeader(page).locator('nav:visible');
    if (testInfo.project.name !== 'phone') {
      await nav.locator('summary', { hasText: '孵化就业' }).click();
    }
    await expect(nav.getByRole('link', { name: '校企合作' })).toBeVisible();
    await expectNavFits(page);
  });
});

test.describe('3. actions that are confirmed or undoable', () => {
  test('"the rest present" keeps the marks taken; changing them all says how many', async ({ browser }) => {
    const clerk = await signedIn(browser, ADMIN);
    const id = await courseId(clerk, '农特产品社区团购运营');
    await clerk.goto(`/manage/courses/${id}/attendance`);
    const rows = clerk.locator('table.attendance tbody tr');
    const count = await rows.count();
    expect(count).toBeGreaterThan(3);
    // Three marks of another kind, saved with the sheet.
    await rows.nth(0).locator('input[value="late"]').check();
    await rows.nth(1).locator('input[value="absent"]').check();
    await rows.nth(2).locator('input[value="excused"]').check();
    await clerk.getByRole('button', { name: '保存考勤' }).click();
    await expect(notice(clerk, '考勤已保存')).toBeVisible();
    await clerk.getByRole('button', { name: '其余未记的记为出勤' }).click();
    await expect(notice(clerk, '考勤已保存')).toBeVisible();
    await expect(rows.nth(0).locator('input[value="late"]')).toBeChecked();
    await expect(rows.nth(1).locator('input[value="absent"]')).toBeChecked();
    await expect(rows.nth(2).locator('input[value="excused"]')).toBeChecked();
    const others = count - (await clerk.locator('table.attendance input[value="present"]:checked').count());
    expect(others).toBeGreaterThanOrEqual(3);
    // Overwriting is apart, and asked first with the number it changes.
    const overwrite = clerk.locator('details.confirm-action');
    await expect(overwrite.getByRole('button', { name: '确认全部改为出勤' })).toBeHidden();
    await overwrite.locator('summary').click();
    await expect(overwrite.getByText(`这将把 ${others} 条已记录的迟到、缺勤或请假改为出勤`)).toBeVisible();
    await overwrite.getByRole('button', { name: '确认全部改为出勤' }).click();
    await expect(notice(clerk, '考勤已保存')).toBeVisible();
    await expect(clerk.locator('table.attendance input[value="present"]:checked')).toHaveCount(count);
  });

  test('withdrawing asks first, also without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false });
    const page = await context.newPage();
    await signUp(page, newPhone(), 'trainee-pass-1');
    await completeProfile(page, idNumber());
    await expect(notice(page, '实名信息已保存')).toBeVisible();
    await page.goto('/courses?free_places=1&programme=rural');
    await page.locator('.course-card h2 a').first().click();
    await page.getByRole('button', { name: /^(立即报名|加入候补)$/ }).click();
    await expect(notice(page, '报名成功')).toBeVisible();
    const here = page.url();
    // One tap opens the question; nothing has changed yet.
    await page.locator('summary', { hasText: '取消报名' }).click();
    await expect(page.getByText(/确定(取消报名|退出候补)吗/)).toBeVisible();
    await page.reload();
    await expect(page.locator('summary', { hasText: '取消报名' })).toBeVisible();
    // The second, explicit button withdraws.
    await page.locator('summary', { hasText: '取消报名' }).click();
    await page.getByRole('button', { name: '确认取消报名' }).click();
    await expect(notice(page, '已取消报名')).toBeVisible();
    expect(new URL(page.url()).pathname).toBe(new URL(here).pathname);
  });
});

test.describe('4. no personal data in URLs', () => {
  test('a profile with a mistake comes back with its values, none of them in the URL', async ({ browser }) => {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    const urls = watchUrls(page);
    await signUp(page, newPhone(), 'trainee-pass-1');
    await page.getByLabel('村（社区）').fill('示例村');
    await completeProfile(page, '410101199013011234', '隐私测试');
    await expect(page.locator('#id_number-error')).toBeVisible();
    await expect(page.getByLabel('姓名')).toHaveValue('隐私测试');
    await expect(page.getByLabel('村（社区）')).toHaveValue('示例村');
    for (const url of urls.concat(page.url())) {
      expect(url).not.toContain(encodeURIComponent('隐私测试'));
      expect(url).not.toContain(encodeURIComponent('示例村'));
      expect(url).not.toContain('410101199013011234');
      expect(url.length).toBeLessThan(2048);
    }
    // Read once: a reload shows the stored (empty) profile, not the values again.
    await page.reload();
    await expect(page.getByLabel('姓名')).toHaveValue('');
  });

  test('a long course form with a mistake keeps a short URL', async ({ browser }) => {
    const clerk = await signedIn(browser, CLERK);
    const urls = watchUrls(clerk);
    await clerk.goto('/manage/courses/new');
    const long = '农村电商实操课程介绍。'.repeat(600);
    await fillCourse(clerk, 'URL长度测试课程', beijingDate(30));
    await clerk.getByLabel('课程介绍').fill(long);
    await clerk.getByRole('button', { name: '保存草稿' }).click();
    await expect(clerk.locator('#description-error')).toContainText('最多 5000 个字');
    await expect(clerk.getByLabel('课程名称')).toHaveValue('URL长度测试课程');
    await expect(clerk.getByLabel('课程介绍')).toHaveValue(long);
    for (const url of urls.concat(clerk.url())) expect(url.length).toBeLessThan(2048);
  });
});

test.describe('5. nothing readable after logout', () => {
  test('Back after logging out shows no profile', async ({ browser }) => {
    const page = await signedIn(browser, TRAINEE);
    await page.goto('/profile');
    const name = await page.getByLabel('姓名').inputValue();
    expect(name.length).toBeGreaterThan(0);
    const res = await page.request.get('/profile');
    expect(res.headers()['cache-control']).toContain('no-store');
    await logOut(page);
    await page.goBack();
    await expect(page.getByLabel('姓名')).toHaveCount(0);
    await expect(page.getByText(name, { exact: true })).toHaveCount(0);
    await expect(siteHeader(page).locator('.user-name')).toHaveCount(0);
  });
});

test.describe('7. the A4 report fits A4', () => {
  // Printing is done from a desktop.
  test('every printed table fits the page width', { tag: '@desktop' }, async ({ browser }) => {
    const page = await signedIn(browser, ADMIN);
    await page.goto('/manage/dashboard/print');
    await expect(page.locator('table.data').first()).toBeVisible();
    // A4 portrait with the report's 12 mm side margins: 186 mm at 96 dpi.
    await page.setViewportSize({ width: Math.floor((186 / 25.4) * 96), height: 1000 });
    await page.emulateMedia({ media: 'print' });
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll('table')]
        .map((t) => ({ right: t.getBoundingClientRect().right, head: t.querySelector('th')?.textContent }))
        .filter((t) => t.right > width + 0.5);
    });
    expect(overflow).toEqual([]);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  });
});

test.describe('8. dates that make no sense', () => {
  test('a new course cannot start in the past; the bureau records a past one, marked', async ({ browser }) => {
    const clerk = await signedIn(browser, CLERK);
    await clerk.goto('/manage/courses/new');
    await fillCourse(clerk, '过去日期测试班', beijingDate(-30));
    await clerk.getByRole('button', { name: '保存草稿' }).click();
    await expect(clerk.locator('#starts_on-error')).toContainText('开课日期不能早于今天');

    const admin = await signedIn(browser, ADMIN);
    await admin.goto('/manage/courses');
    await admin.getByRole('link', { name: '补录往期培训班' }).click();
    await expect(admin.getByText('课程将标注为“补录”')).toBeVisible();
    await admin.getByLabel('培训机构').selectOption({ index: 1 });
    await fillCourse(admin, '补录测试班', beijingDate(-30));
    await admin.getByRole('button', { name: '保存草稿' }).click();
    await expect(notice(admin, '课程草稿已创建')).toBeVisible();
    await expect(admin.locator('.badge', { hasText: '补录' }).first()).toBeVisible();
  });
});

test.describe('9. smaller things', () => {
  test('the outcome form asks only what fits the situation', async ({ browser }) => {
    const page = await signedIn(browser, TRAINEE);
    await page.goto('/outcomes');
    await expect(page.locator('.field.required', { hasText: '截至日期' }).first()).toBeVisible();
    await expect(page.getByLabel('工作单位')).toBeHidden();
    await page.getByLabel('目前状况').selectOption('online_store');
    await expect(page.getByLabel('工作单位')).toBeHidden();
    await expect(page.getByLabel('岗位')).toBeHidden();
    await expect(page.getByLabel('平台')).toBeVisible();
    await page.getByLabel('目前状况').selectOption('employed');
    await expect(page.getByLabel('工作单位')).toBeVisible();
    await expect(page.getByLabel('平台')).toBeHidden();
  });

  test('the catalogue opens on courses with places, filters folded on a phone', async ({ page }, testInfo) => {
    await page.goto('/courses');
    const first = page.locator('.course-card').first();
    await expect(first).toBeVisible();
    await expect(first.locator('.places')).not.toHaveClass(/full/);
    await expect(page.locator('details.filter-more')).not.toHaveAttribute('open', '');
    if (testInfo.project.name === 'phone') {
      await expect(first).toBeInViewport();
    }
  });

  test('after signing up the next step is the profile, and the home page shows what is on', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: '正在报名' })).toBeVisible();
    await expect(page.locator('.home-shelf .course-card').first()).toBeVisible();
    await expect(page.getByRole('heading', { name: '电商大讲堂与沙龙' })).toBeVisible();
    await signUp(page, newPhone(), 'trainee-pass-1');
    await expect(page.getByText('下一步：填写实名信息')).toBeVisible();
    await page.goto('/');
    await expect(page.getByText('欢迎回来')).toHaveCount(0);
    await expect(page.locator('.hero-actions').getByRole('link', { name: '我的学习' })).toBeVisible();
  });

  test('small texts say what they mean', async ({ browser }) => {
    const clerk = await signedIn(browser, CLERK);
    // A roster counts people.
    const id = await courseId(clerk, '中医药产品电商运营');
    await clerk.goto(`/manage/courses/${id}/roster`);
    await expect(clerk.getByText(/^共 \d+ 人$/)).toBeVisible();
    await expect(clerk.getByText(/门课程/)).toHaveCount(0);
    // A course that closed enrolment says so as information, not success.
    await clerk.goto(`/courses/${id}`);
    await expect(clerk.locator('.notice.info', { hasText: '当前不在报名时间' })).toBeVisible();
    await expect(clerk.locator('.notice.success', { hasText: '当前不在报名时间' })).toHaveCount(0);
    // A course without sessions has 0 hours scheduled, not "-0".
    await clerk.goto('/manage/courses/new');
    await fillCourse(clerk, `无课次课程${Date.now()}`, beijingDate(30));
    await clerk.getByRole('button', { name: '保存草稿' }).click();
    await expect(notice(clerk, '课程草稿已创建')).toBeVisible();
    await expect(clerk.getByText('已排学时 0 / 8')).toBeVisible();
  });

  test('the bureau reviews the whole course card and reads audit details as text', async ({ browser }) => {
    const admin = await signedIn(browser, ADMIN);
    await admin.goto('/manage/courses?status=submitted');
    await admin.locator('table.data tbody a').first().click();
    for (const label of ['项目类别', '乡镇（街道）', '费用', '报名开始日期', '考核']) {
      await expect(admin.locator('dl.facts dt', { hasText: label }).first()).toBeVisible();
    }
    await admin.goto('/manage/audit');
    await expect(admin.locator('.audit-facts').first()).toBeVisible();
    const shown = await admin.locator('td.audit-detail dl').allInnerTexts();
    for (const text of shown) expect(text).not.toMatch(/^\{"/);
  });

  test('the dashboard explains rates against the funnel, and English pages name towns in English', async ({ browser }) => {
    const admin = await signedIn(browser, ADMIN);
    await admin.goto('/manage/dashboard');
    await expect(admin.getByText(/人次/).first()).toBeVisible();
    await expect(admin.getByText('漏斗按人计')).toBeVisible();
    const id = await courseId(admin, '中医药产品电商运营');
    await admin.goto(`/lang/en?next=/manage/courses/${id}/roster`);
    await expect(admin.locator('html')).toHaveAttribute('lang', 'en');
    const towns = await admin.locator('table.roster tbody tr td:nth-child(5)').allInnerTexts();
    expect(towns.length).toBeGreaterThan(0);
    for (const town of towns) expect(town).toMatch(/(Subdistrict|Town|Township)/);
  });

  test('tables on a phone scroll inside their box, with edges that show it', { tag: '@phone' }, async ({ page }) => {
    await page.goto('/courses');
    await page.locator('.course-card h2 a').first().click();
    const wrap = page.locator('.table-wrap').first();
    await expect(wrap).toBeVisible();
    const style = await wrap.evaluate((el) => getComputedStyle(el));
    expect(['auto', 'scroll']).toContain((style as CSSStyleDeclaration).overflowX);
    expect((style as CSSStyleDeclaration).backgroundImage).toContain('gradient');
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(360);
  });

  test('built files are cached for long', async ({ page }) => {
    await page.goto('/');
    const css = await page.locator('link[rel="stylesheet"]').first().getAttribute('href');
    const res = await page.request.get(css!);
    expect(res.status()).toBe(200);
    expect(res.headers()['cache-control']).toContain('immutable');
  });
});

test.describe('10. reach', () => {
  test('tap targets are at least 44 px on a phone', { tag: '@phone' }, async ({ browser }) => {
    const clerk = await (
      await browser.newContext({ locale: 'zh-CN', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })
    ).newPage();
    await clerk.goto('/login');
    await clerk.getByLabel('手机号', { exact: true }).fill(ADMIN);
    await clerk.getByLabel('密码', { exact: true }).fill('demo-password');
    await clerk.getByRole('button', { name: '登录', exact: true }).click();
    await expect(clerk).toHaveURL(atPath('/'));
    const id = await courseId(clerk, '农特产品社区团购运营');
    await clerk.goto(`/manage/courses/${id}/attendance`);
    const hit = clerk.locator('table.attendance .mark-hit').first();
    const box = (await hit.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.width).toBeGreaterThanOrEqual(44);
    for (const link of await clerk.locator('footer a').all()) {
      expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }
  });

  test('a scanned check-in code stays good through the login it leads to', async ({ browser }) => {
    const staff = await signedIn(browser, CLERK);
    const id = await courseId(staff, '钧瓷网店视觉设计');
    await staff.goto(`/manage/courses/${id}/attendance`);
    await staff.getByRole('link', { name: '扫码签到' }).click();
    const href = await staff.locator('.checkin-code a').getAttribute('href');
    const path = new URL(href!).pathname;
    const phone = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    const res = await phone.request.get(path, { maxRedirects: 0 });
    expect(res.status()).toBe(303);
    expect(res.headers()['location']).toContain('/login');
    const cookie = res.headers()['set-cookie'] ?? '';
    expect(cookie).toContain('yucai_scan=');
    expect(cookie).toContain('Path=/checkin');
    expect(cookie).toContain('HttpOnly');
  });
});
