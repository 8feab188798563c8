import { expect, test, type Page } from '@playwright/test';
import { atPath, submitLogIn } from './helpers';

/**
 * Records every Content-Security-Policy violation the page reports, from before its first
 * script runs.
 */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('reportCspViolation', (what: string) => seen.push(what));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportCspViolation: (w: string) => void }).reportCspViolation(
        `${e.violatedDirective} ${e.blockedURI} at ${document.location.pathname}`,
      );
    });
  });
  page.on('console', (msg) => {
    if (msg.text().includes('Content Security Policy')) seen.push(msg.text());
  });
  return seen;
}

test('the pages satisfy their own Content-Security-Policy and still hydrate', async ({ page }) => {
  const violations = await watchViolations(page);
  for (const path of ['/', '/courses', '/login', '/signup', '/verify']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp, path).toContain("frame-ancestors 'none'");
    await expect(page.locator('html[data-hydrated]'), path).toHaveCount(1);
  }
  // A course page, then signed in: the learner's and the bureau's pages.
  await page.goto('/courses');
  await page.locator('a[href^="/courses/"]').first().click();
  await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
  await page.goto('/login');
  await submitLogIn(page, '13800000001', 'demo-password');
  await expect(page).toHaveURL(atPath('/'));
  for (const path of ['/places', '/manage/dashboard', '/manage/audit', '/account']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.locator('html[data-hydrated]'), path).toHaveCount(1);
  }
  expect(violations).toEqual([]);
});
