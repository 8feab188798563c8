import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `make screenshots`: the README's pictures of the main pages, on a phone and a desktop, taken
// by driving Chromium against a freshly seeded server (never by hand).
export default defineConfig({
  ...base,
  testDir: 'screenshots',
  projects: [{ name: 'screenshots' }],
});
