import { expect, test } from '@playwright/test';
import { atPath, beijingDate, navTo, notice, signedIn } from './helpers';

// The demo incubation base (staff login 13800000102) publishes a place of its own for each run,
// so the journey can run once per viewport against the same demo data. The demo trainee
// (13800000004) holds a certificate of a finished course.

const BASE_STAFF = '13800000102';
const TRAINEE = '13800000004';
const ADMIN = '13800000001';

test('a certified trainee applies, the base accepts and the placement ends as graduated', async ({ browser }, testInfo) => {
  const title = `电商孵化工位 ${testInfo.project.name} ${Date.now()}（示例）`;

  // The base publishes one place for certificate holders.
  const base = await signedIn(browser, BASE_STAFF);
  await navTo(base, '岗位与入驻');
  await expect(base.getByRole('heading', { name: '岗位与入驻管理' })).toBeVisible();
  const form = base.locator('form').filter({ has: base.getByRole('heading', { name: '发布岗位' }) });
  // A period that ends before it starts is refused next to the field, keeping what was typed.
  await form.getByLabel('岗位名称').fill(title);
  await form.getByLabel('岗位类型').selectOption('incubation');
  await form.getByLabel('名额', { exact: true }).fill('1');
  await form.getByLabel('开始日期').fill(beijingDate(0));
  await form.getByLabel('结束日期').fill(beijingDate(-1));
  await form.getByLabel('免费场地').check();
  await form.getByLabel('申请人须持有结业证书').check();
  await form.getByRole('button', { name: '发布岗位' }).click();
  await expect(base.locator('#ends_on-error')).toHaveText('结束不能早于开始');
  const again = base.locator('form').filter({ has: base.getByRole('heading', { name: '发布岗位' }) });
  await expect(again.getByLabel('岗位名称')).toHaveValue(title);
  await again.getByLabel('结束日期').fill(beijingDate(180));
  await again.getByRole('button', { name: '发布岗位' }).click();
  await expect(notice(base, '岗位已发布')).toBeVisible();
  await expect(base.getByRole('heading', { name: title })).toBeVisible();
  const placePath = new URL(base.url()).pathname;

  // The trainee finds it on the public page and applies with a statement.
  const trainee = await signedIn(browser, TRAINEE);
  await navTo(trainee, '孵化入驻');
  await expect(trainee.getByRole('heading', { name: '孵化入驻与实习岗位' })).toBeVisible();
  await trainee.getByRole('link', { name: title }).click();
  await expect(trainee.getByText('需持有结业证书').first()).toBeVisible();
  await trainee.getByLabel('申请说明').fill('已取得电商培训结业证书，想入驻开设钧瓷网店。');
  await trainee.getByRole('button', { name: '提交申请' }).click();
  await expect(trainee).toHaveURL(atPath('/applications'));
  await expect(notice(trainee, '申请已提交')).toBeVisible();
  const card = trainee.locator('article.card').filter({ hasText: title });
  await expect(card.getByText('待审核')).toBeVisible();

  // The base sees the application with the certificate held, and accepts it.
  await base.goto(placePath);
  const row = base.locator('table.placements tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row.getByText('YZ-')).toBeVisible();
  await row.getByLabel('入驻/到岗日期').fill(beijingDate(0));
  await row.getByLabel('工位/直播间').fill('E2E-01');
  await row.getByRole('button', { name: '录取', exact: true }).click();
  await expect(notice(base, '已录取')).toBeVisible();
  await expect(row.getByText('在孵/在岗')).toBeVisible();
  await expect(base.getByText('已满').first()).toBeVisible();

  // Later the placement ends: graduated today.
  await row.getByLabel('结束方式').selectOption('graduated');
  await row.getByLabel('结束日期').fill(beijingDate(0));
  await row.getByLabel('原因或备注').fill('按期出园，网店已稳定经营');
  await row.getByRole('button', { name: '登记结束' }).click();
  await expect(notice(base, '已登记结束')).toBeVisible();
  await expect(row.getByText('已出园/结业')).toBeVisible();

  // The trainee sees the outcome; the bureau sees it among all placements.
  await trainee.reload();
  await expect(card.getByText('已出园/结业')).toBeVisible();
  await expect(card.getByText('按期出园，网店已稳定经营')).toBeVisible();
  const admin = await signedIn(browser, ADMIN);
  await navTo(admin, '岗位与入驻');
  await admin.getByRole('link', { name: '全部入驻与实习记录' }).click();
  await admin.getByRole('link', { name: '已出园/结业' }).click();
  await expect(admin.locator('table.placements tbody tr').filter({ hasText: title })).toHaveCount(1);
});
