import { defineConfig } from '@playwright/test';

// The suite never starts the server itself: whoever runs it (CI, a developer)
// starts Yucai first and points YUCAI_E2E_URL at it, e.g. http://127.0.0.1:3000
const baseURL = process.env.YUCAI_E2E_URL;
if (!baseURL) {
  throw new Error(
    'YUCAI_E2E_URL is not set: start the Yucai server and set YUCAI_E2E_URL to its address ' +
      '(for example YUCAI_E2E_URL=http://127.0.0.1:3000 npx playwright test)',
  );
}

// A WeChat in-app browser on Android (the main way our users open the site).
const WECHAT_ANDROID_UA =
  'Mozilla/5.0 (Linux; Android 13; V2227A Build/TP1A.220624.014; wv) AppleWebKit/537.36 ' +
  '(KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 ' +
  'MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 ' +
  'Weixin NetType/WIFI Language/zh_CN ABI/arm64';

export default defineConfig({
  testDir: 'tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    locale: 'zh-CN',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'desktop',
      use: { viewport: { width: 1280, height: 800 } },
      testIgnore: /phone-layout\.spec\.ts/,
      // A test tagged @phone checks what only a phone-sized screen has.
      grepInvert: /@phone/,
    },
    {
      name: 'phone',
      use: {
        viewport: { width: 360, height: 740 },
        isMobile: true,
        hasTouch: true,
        userAgent: WECHAT_ANDROID_UA,
      },
      // A test tagged @desktop checks what is done from a desktop (printing).
      grepInvert: /@desktop/,
    },
  ],
});
