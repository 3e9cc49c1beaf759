// Headless Chromium for the docs test: which binary, which flags, and a guard that blocks and
// records every request leaving the page's own file or loopback, and every error it logs.
import { existsSync } from "node:fs";
import type { Page } from "playwright-core";

const DEFAULT_CHROMIUM = "/usr/bin/chromium";

/** Root in a container needs --no-sandbox; the rest stop Chromium's own calls home. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** The Chromium to use (CHROMIUM_PATH, else Debian's), or undefined when there is none. */
export function chromiumPath(): string | undefined {
  const path = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  return existsSync(path) ? path : undefined;
}

export interface PageGuard {
  /** URLs the page tried to load from anywhere but file:// or loopback; each was aborted. */
  blocked: string[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
}

const LOCAL = /^(file:|data:|blob:|https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/)/;

export async function guardPage(page: Page): Promise<PageGuard> {
  const guard: PageGuard = { blocked: [], errors: [] };
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (LOCAL.test(url)) return route.continue();
    guard.blocked.push(url);
    return route.abort("blockedbyclient");
  });
  page.on("console", (message) => {
    if (message.type() === "error") guard.errors.push(message.text());
  });
  page.on("pageerror", (error) => guard.errors.push(error.message));
  return guard;
}

/**
 * Redoc renders only what is inside the viewport, so a plain full-page screenshot is blank outside
 * it. Grow the viewport to the page until the height settles, then take the full page.
 */
export async function fullPageScreenshot(page: Page, path: string): Promise<void> {
  const original = page.viewportSize();
  const width = original?.width ?? 1280;
  for (let round = 0; round < 6; round++) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    if (height <= (page.viewportSize()?.height ?? 0)) break;
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(500);
  }
  await page.screenshot({ path, fullPage: true });
  if (original) await page.setViewportSize(original);
}
