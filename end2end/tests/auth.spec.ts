import { expect, test, type Page } from '@playwright/test';
import {
  atPath,
  expectLoggedIn,
  expectLoggedOut,
  logIn,
  logOut,
  newPhone,
  notice,
  signUp,
  signedIn,
  siteHeader,
  submitLogIn,
  submitSignUp,
} from './helpers';

const PASSWORD = 'yucai-pass-2024';
const WRONG_LOGIN = '手机号或密码不正确';

/** The `.field-error` that carries `message` (shown next to its field). */
function fieldError(page: Page, message: string) {
  return page.locator('.field-error').filter({ hasText: message });
}

test('sign up, log out, log in again', async ({ page }) => {
  const phone = newPhone();

  await test.step('sign up lands on / logged in', async () => {
    await signUp(page, phone, PASSWORD);
  });

  await test.step('log out', async () => {
    await logOut(page);
  });

  await test.step('log in with the same credentials', async () => {
    await siteHeader(page).getByRole('link', { name: '登录', exact: true }).click();
    await expect(page).toHaveURL(atPath('/login'));
    await submitLogIn(page, phone, PASSWORD);
    await expect(page).toHaveURL(atPath('/'));
    await expectLoggedIn(page, phone);
  });

  await test.step('the session survives a reload', async () => {
    await page.reload();
    await expectLoggedIn(page, phone);
  });
});

test('a forgotten password: a code by SMS (read from the outbox) sets a new one', async ({ page, browser }) => {
  const phone = newPhone();
  await signUp(page, phone, PASSWORD);
  await logOut(page);

  await page.goto('/login');
  await page.getByRole('link', { name: '忘记密码？' }).click();
  await expect(page).toHaveURL(atPath('/reset'));
  await page.getByLabel('手机号', { exact: true }).fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(notice(page, '验证码已通过短信发送')).toBeVisible();
  await expect(page.getByLabel('手机号', { exact: true })).toHaveValue(phone);

  // The demo sends SMS nowhere: the bureau admin reads the text in the outbox.
  const admin = await signedIn(browser, '13800000001');
  await admin.goto(`/admin/messages?template=reset_code&phone=${phone}`);
  const text = await admin.locator('#outbox .outbox-text').first().innerText();
  const code = /验证码(\d{6})/.exec(text)?.[1];
  expect(code, text).toBeTruthy();

  // A wrong code first: the message by the field says how many tries are left.
  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  await page.getByLabel('短信验证码').fill(wrong);
  await page.getByLabel('新密码', { exact: true }).fill('a-new-password-9');
  await page.getByLabel('确认新密码').fill('a-new-password-9');
  await page.getByRole('button', { name: '设置新密码' }).click();
  await expect(fieldError(page, '验证码不正确，还可尝试 4 次')).toBeVisible();
  await page.getByLabel('短信验证码').fill(code!);
  await page.getByLabel('新密码', { exact: true }).fill('a-new-password-9');
  await page.getByLabel('确认新密码').fill('a-new-password-9');
  await page.getByRole('button', { name: '设置新密码' }).click();
  await expect(page).toHaveURL(atPath('/'));
  await expect(notice(page, '密码已重置')).toBeVisible();
  await expectLoggedIn(page, phone);

  // The new password is the one that works now.
  await logOut(page);
  await logIn(page, phone, PASSWORD);
  await expect(page.locator('.form-error')).toContainText(WRONG_LOGIN);
  await submitLogIn(page, phone, 'a-new-password-9');
  await expect(page).toHaveURL(atPath('/'));
  await expectLoggedIn(page, phone);
});

test.describe('log-in errors', () => {
  test('wrong password', async ({ page }) => {
    const phone = newPhone();
    await signUp(page, phone, PASSWORD);
    await logOut(page);

    await logIn(page, phone, 'not-the-password');
    await expect(page).toHaveURL(atPath('/login'));
    await expect(page.locator('.form-error')).toContainText(WRONG_LOGIN);
    await expectLoggedOut(page);
  });

  test('unknown phone gives the same message', async ({ page }) => {
    await logIn(page, newPhone(), PASSWORD);
    await expect(page).toHaveURL(atPath('/login'));
    await expect(page.locator('.form-error')).toContainText(WRONG_LOGIN);
    await expectLoggedOut(page);
  });
});

test.describe('sign-up errors', () => {
  test('malformed phone', async ({ page }) => {
    await submitSignUp(page, { phone: '12345', password: PASSWORD });
    await expect(page).toHaveURL(atPath('/signup'));
    await expect(fieldError(page, '请输入11位中国大陆手机号')).toBeVisible();
    await expect(page.getByLabel('手机号', { exact: true })).toHaveValue('12345');
    await expectLoggedOut(page);
  });

  test('short password', async ({ page }) => {
    const phone = newPhone();
    await submitSignUp(page, { phone, password: 'abc1234' });
    await expect(page).toHaveURL(atPath('/signup'));
    await expect(fieldError(page, '密码至少需要8个字符')).toBeVisible();
    await expect(page.getByLabel('手机号', { exact: true })).toHaveValue(phone);
    await expectLoggedOut(page);
  });

  test('confirmation differs', async ({ page }) => {
    const phone = newPhone();
    await submitSignUp(page, { phone, password: PASSWORD, confirm: `${PASSWORD}x` });
    await expect(page).toHaveURL(atPath('/signup'));
    await expect(fieldError(page, '两次输入的密码不一致')).toBeVisible();
    await expect(page.getByLabel('手机号', { exact: true })).toHaveValue(phone);
    await expectLoggedOut(page);
  });

  test('phone already registered', async ({ page }) => {
    const phone = newPhone();
    await signUp(page, phone, PASSWORD);
    await logOut(page);

    await submitSignUp(page, { phone, password: 'another-password' });
    await expect(page).toHaveURL(atPath('/signup'));
    await expect(fieldError(page, '该手机号已注册，请直接登录')).toBeVisible();
    await expect(page.getByLabel('手机号', { exact: true })).toHaveValue(phone);
    await expectLoggedOut(page);

    // The first registration's password still works.
    await logIn(page, phone, PASSWORD);
    await expect(page).toHaveURL(atPath('/'));
    await expectLoggedIn(page, phone);
  });
});

test('account page: login redirect with next, then change password', async ({ page }) => {
  const phone = newPhone();
  const newPassword = 'changed-pass-2025';
  await signUp(page, phone, PASSWORD);
  await logOut(page);

  await test.step('logged-out /account redirects to /login?next=%2Faccount', async () => {
    await page.goto('/account');
    await expect(page).toHaveURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/account');
    await expect(notice(page, '请先登录')).toBeVisible();
    await expectLoggedOut(page);
  });

  await test.step('logging in returns to /account', async () => {
    await submitLogIn(page, phone, PASSWORD);
    await expect(page).toHaveURL(atPath('/account'));
    await expect(page.getByRole('heading', { name: '我的账户', exact: true })).toBeVisible();
    await expectLoggedIn(page, phone);
  });

  await test.step('change the password', async () => {
    await page.getByLabel('当前密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill(newPassword);
    await page.getByLabel('确认新密码', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: '修改密码', exact: true }).click();
    await expect(notice(page, '密码已修改')).toBeVisible();
    await expectLoggedIn(page, phone);
  });

  await test.step('the old password no longer works', async () => {
    await logOut(page);
    await logIn(page, phone, PASSWORD);
    await expect(page).toHaveURL(atPath('/login'));
    await expect(page.locator('.form-error')).toContainText(WRONG_LOGIN);
  });

  await test.step('the new password works', async () => {
    await submitLogIn(page, phone, newPassword);
    await expect(page).toHaveURL(atPath('/'));
    await expectLoggedIn(page, phone);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('sign up and log in with plain HTML forms', async ({ page, context }) => {
    const phone = newPhone();

    await test.step('sign up', async () => {
      await signUp(page, phone, PASSWORD);
    });

    // Drop the session (and nothing else is set) so only the log-in form is exercised.
    await context.clearCookies();

    await test.step('wrong password shows the form error', async () => {
      await logIn(page, phone, 'not-the-password');
      await expect(page).toHaveURL(atPath('/login'));
      await expect(page.locator('.form-error')).toContainText(WRONG_LOGIN);
      await expectLoggedOut(page);
    });

    await test.step('log in', async () => {
      await submitLogIn(page, phone, PASSWORD);
      await expect(page).toHaveURL(atPath('/'));
      await expectLoggedIn(page, phone);
    });
  });
});
