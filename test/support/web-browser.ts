import { chromium, type Browser, type BrowserContext, type Locator } from 'playwright-core';
import { BROWSER_UA } from './stack.ts';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it when missing). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, and quiet: without the networking switches Chromium keeps calling home on a closed network. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * Headless Chromium says "HeadlessChrome", which the bot list rightly filters: a context that
 * should be counted as a reader presents a desktop browser's User-Agent instead.
 */
export async function readerContext(
  browser: Browser,
  options: { userAgent?: string; timezoneId?: string; javaScriptEnabled?: boolean } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    userAgent: options.userAgent ?? BROWSER_UA,
    timezoneId: options.timezoneId ?? 'Europe/Berlin',
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
  });
}

/** The colour an element is drawn in (through its window: the tests are compiled without DOM globals). */
export async function colorOf(locator: Locator): Promise<string> {
  return locator.evaluate((node) => node.ownerDocument.defaultView.getComputedStyle(node).color as string);
}
