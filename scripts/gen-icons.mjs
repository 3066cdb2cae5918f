#!/usr/bin/env node
// Renders images/icon.svg (drawn for this project) to images/icon.png, the 128x128 PNG the
// Marketplace needs for an extension icon, with Debian's chromium through playwright-core.
// Run by hand after changing the SVG: node scripts/gen-icons.mjs
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = readFileSync('images/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: 'images/icon.png', omitBackground: true });
  console.log('wrote images/icon.png');
} finally {
  await browser.close();
}
