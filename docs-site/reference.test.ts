// The built reference, opened from disk in headless Chromium with every request outside file:// and
// loopback blocked: it must show the whole spec, search it, show examples and every code sample,
// read at 1440 and 390 px (layout measured in the page), pass axe-core's WCAG 2.1 AA rules, show
// the changelog, and neither reach the network nor log an error. Leaves screenshots in
// docs-site/screenshots/.
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocs, CHANGELOG_PAGE } from "../scripts/docs-build.ts";
import { deref, isObject, loadBundle, namedExamples, operations, responses, type Json, type JsonObject, type Operation } from "../spec/openapi.ts";
import { ledgerEntries } from "../spec/ledger.ts";
import { successResponse } from "../spec/request-examples.ts";
import { ROOT } from "../spec/paths.ts";
import { ALLOWED_RULES, axeViolations, type AxeViolation } from "./axe.ts";
import { CHROMIUM_ARGS, chromiumPath, fullPageScreenshot, guardPage, type PageGuard } from "./browser.ts";
import { layoutProblems, type LayoutCheck } from "./layout.ts";

const spec = loadBundle();
const SCREENSHOTS = `${ROOT}docs-site/screenshots`;
const WIDTHS = { desktop: { width: 1440, height: 900 }, mobile: { width: 390, height: 844 } };
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


interface Sample {
  lang: string;
  label: string;
  source: string;
}

const samplesOf = (operation: Operation) => operation.node["x-codeSamples"] as unknown as Sample[];

/** The sample languages the bundle declares: its distinct `lang` values. */
const declaredLanguages = () => new Set(operations(spec).flatMap((operation) => samplesOf(operation).map(({ lang }) => lang)));

const slug = (text: string) => text.toLowerCase().replace(/ /g, "-");

/** Where Redoc puts an operation: `/<tag>/<operationid>`. */
const sectionId = (operation: Operation) => `/${slug(String((operation.node.tags as string[])[0]))}/${operation.operationId.toLowerCase()}`;

/** Scrolls the page to a section by its id and returns it once it shows. */
async function openSection(page: Page, id: string) {
  await page.evaluate((hash) => {
    location.hash = hash;
  }, `#${id}`);
  const section = page.locator(`[data-section-id="${id}"]`).first();
  await section.waitFor({ state: "visible" });
  return section;
}

/** Opens an operation's sample-language dropdown and returns the menu it shows. */
async function openLanguageMenu(page: Page, operation: Operation) {
  const section = await openSection(page, sectionId(operation));
  const header = section.locator('.panel-request-samples [data-component-name="Panel/PanelHeader"]');
  const button = header.locator('[data-component-name="Dropdown/Dropdown"]').last().locator("button").first();
  if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
  const opened = page.locator('[role="menu"]:visible').last();
  await opened.waitFor();
  return { section, items: opened.locator('[role="menuitem"]') };
}

/** Lines of the page's axe report: each page's violations, and what the allow-list let through. */
const axeReport: string[] = [];

describe.skipIf(!executablePath)("the reference docs in Chromium", () => {
  let browser: Browser;
  let page: Page;
  let guard: PageGuard;
  let mobile: Page;
  let mobileGuard: PageGuard;
  let outDir: string;
  let pageUrl: string;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), "docs-test-"));
    pageUrl = pathToFileURL(await buildDocs(outDir)).href;
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: executablePath!, headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: WIDTHS.desktop });
    guard = await guardPage(page);
    await page.goto(pageUrl);
    await menu(page).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/overview.png` });
    mobile = await browser.newPage({ viewport: WIDTHS.mobile });
    mobileGuard = await guardPage(mobile);
    await mobile.goto(pageUrl);
    await mobile.locator("[data-section-id]").first().waitFor();
  });

  afterAll(async () => {
    if (axeReport.length > 0) console.log(`\naxe-core, WCAG 2.1 AA:\n  ${axeReport.join("\n  ")}\n`);
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


  it("offers, for every operation, every sample language of the bundle, each showing its code when chosen", async () => {
    const languages = declaredLanguages();
    expect(languages.size).toBeGreaterThanOrEqual(7);
    expect(languages).toContain("TypeScript");
    for (const operation of operations(spec)) {
      const samples = samplesOf(operation);
      expect(new Set(samples.map(({ lang }) => lang)), operation.operationId).toEqual(languages);
      const { items } = await openLanguageMenu(page, operation);
      const offered = (await items.allInnerTexts()).map((text) => text.trim()).filter((text) => text !== "Payload");
      expect(offered, operation.operationId).toEqual(samples.map(({ label }) => label));
      for (const sample of samples) {
        const { section, items: choices } = await openLanguageMenu(page, operation);
        await choices.filter({ hasText: new RegExp(`^\\s*${sample.label.replace(/[.+]/g, "\\$&")}\\s*$`) }).click();
        const code = section.locator(".panel-request-samples pre").first();
        await expect.poll(() => code.innerText(), { message: `${operation.operationId} ${sample.label}` }).toContain(sample.source.split("\n")[0]!.trim());
        expect(await code.isVisible()).toBe(true);
      }
    }
    await fullPageScreenshot(page, `${SCREENSHOTS}/samples.png`);
  });

  it("renders the changelog page from CHANGELOG.md", async () => {
    const changelog = await readFile(`${ROOT}CHANGELOG.md`, "utf8");
    const versions = [...changelog.matchAll(/^## (.+)$/gm)].map(([, heading]) => heading!.trim());
    expect(versions.length).toBeGreaterThan(0);
    await menu(page).locator(`[data-text="${CHANGELOG_PAGE}"]`).first().click();
    await page.locator(`[data-section-id="/${slug(CHANGELOG_PAGE)}"]`).first().waitFor({ state: "visible" });
    // Each heading is a section of its own under the page, drawn when scrolled into view.
    const sections = page.locator(`[data-section-id^="/${slug(CHANGELOG_PAGE)}"]`);
    const shown = async () => {
      const texts: string[] = [];
      for (const section of await sections.all()) {
        await section.scrollIntoViewIfNeeded();
        texts.push(await section.innerText());
      }
      return texts.join("\n");
    };
    for (const version of versions) await expect.poll(shown, { timeout: 30_000 }).toContain(version);
    await page.screenshot({ path: `${SCREENSHOTS}/changelog.png` });
  });

  /** The landing page, the changelog and every operation: what a reader can open. */
  const pages = () => [
    { name: "landing", id: "/" },
    { name: CHANGELOG_PAGE, id: `/${slug(CHANGELOG_PAGE)}` },
    ...operations(spec).map((operation) => ({ name: operation.operationId, id: sectionId(operation) })),
  ];

  it.each(Object.keys(WIDTHS) as (keyof typeof WIDTHS)[])("lays out every page at the %s width without a break, raw Markdown, clipped code or overlap", async (width) => {
    const target = width === "desktop" ? page : mobile;
    const found: string[] = [];
    for (const { name, id } of pages()) {
      if (id === "/") await target.evaluate(() => window.scrollTo(0, 0));
      else await openSection(target, id);
      for (const problem of await layoutProblems(target)) found.push(`${name}: ${problem.check}: ${problem.detail}`);
      if (["landing", CHANGELOG_PAGE, "sendMessage", "uploadFile"].includes(name)) await target.screenshot({ path: `${SCREENSHOTS}/${width}-${name}.png` });
    }
    expect([...new Set(found)]).toEqual([]);
  });

  it("would catch a layout that breaks words, clips code, covers it or shows raw Markdown", async () => {
    const broken = await browser.newPage({ viewport: WIDTHS.mobile });
    await broken.goto(pageUrl);
    const operation = operations(spec).find(({ operationId }) => operationId === "sendMessage") ?? operations(spec)[0]!;
    await openSection(broken, sectionId(operation));
    await broken.addStyleTag({
      content: `
        td, td code { word-break: break-all !important; white-space: normal !important; overflow-wrap: anywhere !important; }
        table { width: 60px !important; table-layout: fixed !important; }
        pre, pre * { overflow: hidden !important; white-space: pre !important; }
        [data-component-name="CodeBlock/CodeBlockControls"] { position: absolute !important; inset: 0 auto auto 0 !important; z-index: 9; }
        body::after { content: ""; position: absolute; top: 0; left: 0; width: 2000px; height: 1px; }`,
    });
    await broken.evaluate(() => document.querySelector("[data-section-id] p")?.append(" see `a_raw_code_span` here"));
    const caught = new Set((await layoutProblems(broken)).map(({ check }) => check));
    const all: LayoutCheck[] = ["mid-word-break", "raw-markdown", "clipped-code", "overlap", "page-overflow"];
    expect([...caught].sort()).toEqual([...all].sort());
    await broken.screenshot({ path: `${SCREENSHOTS}/broken-layout.png` });
    await broken.close();
  });

  it.each(Object.keys(WIDTHS) as (keyof typeof WIDTHS)[])("has no WCAG 2.1 AA violation on any page at the %s width, beyond the allow-list", async (width) => {
    const target = width === "desktop" ? page : mobile;
    const unexpected: string[] = [];
    for (const { name, id } of pages()) {
      let violations: AxeViolation[];
      if (id === "/") {
        await target.evaluate(() => window.scrollTo(0, 0));
        violations = await axeViolations(target, "body");
      } else {
        await openSection(target, id);
        violations = await axeViolations(target, `[data-section-id="${id}"]`);
      }
      const allowed = violations.filter(({ rule }) => ALLOWED_RULES.has(rule));
      const rest = violations.filter(({ rule }) => !ALLOWED_RULES.has(rule));
      axeReport.push(`${width} ${name}: ${rest.length} violations${allowed.length > 0 ? `; allowed: ${allowed.map(({ rule, nodes }) => `${rule} (${nodes})`).join(", ")}` : ""}`);
      unexpected.push(...rest.map(({ rule, nodes, targets }) => `${name}: ${rule} on ${nodes} elements, e.g. ${targets.join(" | ")}`));
    }
    expect(unexpected).toEqual([]);
  });

  it("keeps an allow-list in which every rule has its reason", () => {
    for (const [rule, reason] of ALLOWED_RULES) axeReport.push(`allowed ${rule}: ${reason}`);
    expect([...ALLOWED_RULES.values()].every((reason) => reason.length > 40)).toBe(true);
  });

  it("would report a violation axe-core finds: text below 4.5:1 contrast", async () => {
    await openSection(page, "/");
    await page.evaluate(() => {
      const probe = document.createElement("p");
      probe.id = "contrast-probe";
      probe.textContent = "Too faint to read";
      probe.style.cssText = "color:#c8c8c8;background:#ffffff";
      document.querySelector("[data-section-id]")!.append(probe);
    });
    const violations = await axeViolations(page, "#contrast-probe");
    await page.evaluate(() => document.getElementById("contrast-probe")?.remove());
    expect(violations.map(({ rule }) => rule)).toContain("color-contrast");
  });

  it("made no request outside file:// and loopback, and logged no error, at either width", () => {
    expect([...guard.blocked, ...mobileGuard.blocked]).toEqual([]);
    expect([...guard.errors, ...mobileGuard.errors]).toEqual([]);
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
