// The built reference, opened from disk in headless Chromium with every request outside file:// and
// loopback blocked: it must show the whole spec, search it, show examples and code samples, and
// neither reach the network nor log an error. Leaves screenshots in docs-site/screenshots/.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocs } from "../scripts/docs-build.ts";
import { deref, isObject, loadBundle, namedExamples, operations, responses, type Json, type JsonObject } from "../spec/openapi.ts";
import { ledgerEntries } from "../spec/ledger.ts";
import { successResponse } from "../spec/request-examples.ts";
import { ROOT } from "../spec/paths.ts";
import { CHROMIUM_ARGS, chromiumPath, fullPageScreenshot, guardPage, type PageGuard } from "./browser.ts";

const spec = loadBundle();
const SCREENSHOTS = `${ROOT}docs-site/screenshots`;
const executablePath = chromiumPath();

if (!executablePath) {
  const how = "install it (`apt-get install -y chromium` on Debian) or set CHROMIUM_PATH to a Chromium binary";
  if (process.env.CI) throw new Error(`The docs browser test must run in CI, but there is no Chromium: ${how}.`);
  console.warn(`\n  Browser test of the docs SKIPPED: no Chromium found. To run it, ${how}.\n`);
}

interface Entry {
  method: string;
  summary: string;
  webhook: boolean;
}

const key = (entry: Entry) => `${entry.webhook ? "webhook " : ""}${entry.method.toUpperCase()} ${entry.summary}`;

/** What the reference must list: every operation and every webhook of the bundle. */
function expectedEntries(): Entry[] {
  const fromOperations = operations(spec).map(({ method, node }) => ({ method, summary: String(node.summary), webhook: false }));
  const fromWebhooks = Object.values(spec.webhooks as Record<string, JsonObject>).flatMap((item) =>
    Object.entries(item).map(([method, node]) => ({ method, summary: String((node as JsonObject).summary), webhook: true })),
  );
  return [...fromOperations, ...fromWebhooks];
}

const menu = (page: Page) => page.locator('[data-component-name="Menu/Menu"]').first();

/** Opens each tag in the sidebar, then each entry under it, and reads the heading it shows. */
async function listedEntries(page: Page): Promise<Entry[]> {
  const entries: Entry[] = [];
  for (const tag of (spec.tags as JsonObject[]).filter((tag) => tag["x-traitTag"] !== true)) {
    const group = menu(page).locator('[data-component-name="Menu/MenuItem"]', { has: page.locator(`[data-text="${String(tag.name)}"]`) }).first();
    await group.locator("a").first().click();
    // A tag's guide headings are menu entries too; operations and webhooks are the ones with a method.
    const items = group
      .locator('[data-component-name="Menu/Menu"] [data-component-name="Menu/MenuItem"]')
      .filter({ has: page.locator('[data-component-name="Tags/HttpTag"]') });
    await items.first().waitFor();
    for (const item of await items.all()) {
      const summary = (await item.locator("[data-text]").getAttribute("data-text")) ?? "";
      const method = (await item.locator('[data-component-name="Tags/HttpTag"]').innerText()).trim();
      await item.click();
      const heading = page.locator("h2", { hasText: summary }).first();
      await heading.waitFor({ state: "visible" });
      const webhook = (await heading.locator('[data-component-name="Tag/Tag"]', { hasText: "Webhook" }).count()) > 0;
      entries.push({ method, summary, webhook });
    }
  }
  return entries;
}

async function search(page: Page, term: string): Promise<string[]> {
  await page.keyboard.press("Escape");
  await page.getByText("Search", { exact: false }).first().click();
  const input = page.locator('[data-component-name="Search/SearchInput"] input').first();
  await input.fill(term);
  // Results render after a debounce: wait for the results, or for Redoc's "No results" message.
  const items = page.locator('[data-component-name="Search/SearchItem"]');
  await items.first().or(page.getByTestId("search-dialog").getByText("No results", { exact: true })).waitFor();
  return items.allInnerTexts();
}

/** The first string inside an example value: something the rendered sample must show verbatim. */
function firstString(value: Json | undefined): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(firstString).find(Boolean);
  if (isObject(value)) return Object.values(value).map(firstString).find(Boolean);
  return undefined;
}

describe.skipIf(!executablePath)("the reference docs in Chromium", () => {
  let browser: Browser;
  let page: Page;
  let guard: PageGuard;
  let outDir: string;
  let pageUrl: string;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), "docs-test-"));
    pageUrl = pathToFileURL(await buildDocs(outDir)).href;
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: executablePath!, headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    guard = await guardPage(page);
    await page.goto(pageUrl);
    await menu(page).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/overview.png` });
  });

  afterAll(async () => {
    await browser?.close();
    await rm(outDir, { recursive: true, force: true });
  });

  it("lists every operation and every webhook of the spec, each opening its own section", async () => {
    const expected = expectedEntries();
    const listed = await listedEntries(page);
    expect(listed.filter((entry) => !entry.webhook)).toHaveLength(operations(spec).length);
    expect(listed.filter((entry) => entry.webhook)).toHaveLength(Object.keys(spec.webhooks as JsonObject).length);
    expect(listed.map(key).sort()).toEqual(expected.map(key).sort());
  });

  it("shows exactly the bundle's claims on the ledger page, one row each", async () => {
    const ledger = (spec.tags as JsonObject[]).find((tag) => tag["x-traitTag"] === true)!;
    const name = String(ledger.name);
    await menu(page).locator(`[data-text="${name}"]`).first().click();
    const rows = page.locator(`[data-section-id="/${name.toLowerCase().replace(/ /g, "-")}"] table tbody tr`);
    await rows.first().waitFor();
    const ids = await rows.locator("td:first-child").allInnerTexts();
    expect(ids).toHaveLength(ledgerEntries(spec).length);
    expect(ids.map((id) => id.trim())).toEqual(ledgerEntries(spec).map(({ claim }) => claim.id));
  });

  it("finds an error code with the search box", async () => {
    const results = await search(page, "contact_has_not_messaged");
    expect(results.length).toBeGreaterThan(0);
    expect(results.join("\n")).toContain("contact_has_not_messaged");
  });

  it("finds nothing for a word the spec does not contain", async () => {
    expect(await search(page, "zzqx_not_in_the_spec")).toEqual([]);
    await page.keyboard.press("Escape");
  });

  it("shows an operation's code samples and response examples", async () => {
    const operation = operations(spec).find((op) => op.node.requestBody)!;
    await page.goto(pageUrl);
    const tag = String((operation.node.tags as string[])[0]);
    await menu(page).locator(`[data-text="${tag}"]`).first().click();
    await menu(page).locator(`[data-text="${String(operation.node.summary)}"]`).first().click();
    await page.locator("h2", { hasText: String(operation.node.summary) }).first().waitFor({ state: "visible" });

    const curl = ((operation.node["x-codeSamples"] as JsonObject[])[0]!.source as string).split("\n")[0]!;
    await expect.poll(() => page.locator("body").innerText()).toContain(curl.replace(" \\", ""));

    const { status } = successResponse(spec, operation);
    const success = responses(spec, operation).find((response) => response.status === status)!;
    const [example] = namedExamples(spec, deref(spec, success.json));
    await expect.poll(() => page.locator("body").innerText()).toContain(firstString(example!.value)!);
    await fullPageScreenshot(page, `${SCREENSHOTS}/reference.png`);
  });

  it("made no request outside file:// and loopback, and logged no error", () => {
    expect(guard.blocked).toEqual([]);
    expect(guard.errors).toEqual([]);
  });

  it("would have caught a request to another origin and a console error", async () => {
    const other = await browser.newPage();
    const otherGuard = await guardPage(other);
    await other.goto(pageUrl);
    await other.evaluate(() => {
      console.error("an error the page logged");
      return fetch("https://example.com/tracker").catch(() => undefined);
    });
    expect(otherGuard.blocked).toEqual(["https://example.com/tracker"]);
    expect(otherGuard.errors.join("\n")).toContain("an error the page logged");
    await other.close();
  });
});
