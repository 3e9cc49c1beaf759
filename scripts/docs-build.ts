// `npm run docs:build`: the Redoc reference, built from the bundle into one self-contained
// docs-site/dist/index.html that any static host can serve and that works with the network cut.
// Beside the bundle's own pages it has a changelog page, made from CHANGELOG.md, and our theme
// (docs-site/assets/theme.css). Prints the page's weight.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { localizeAttribution, offlineProblems } from "./lib/offline-docs.ts";
import { BUNDLE_JSON, ROOT } from "../spec/paths.ts";
import { run } from "../tooling/process/run.ts";

export const DOCS_DIST = `${ROOT}docs-site/dist`;
const THEME = `${ROOT}docs-site/assets/theme.css`;
const CHANGELOG = `${ROOT}CHANGELOG.md`;
export const CHANGELOG_PAGE = "Changelog";

/**
 * What the reference shows: the bundle plus a page for CHANGELOG.md, a trait tag (a page of prose,
 * listed in the sidebar, with no operations) whose text is the file without its top heading.
 */
export async function docsSpec(): Promise<Record<string, unknown>> {
  const spec = JSON.parse(await readFile(BUNDLE_JSON, "utf8")) as Record<string, unknown>;
  const changelog = (await readFile(CHANGELOG, "utf8")).replace(/^# .*\n+/, "");
  const page = { name: CHANGELOG_PAGE, "x-traitTag": true, description: changelog };
  return { ...spec, tags: [...((spec.tags as unknown[]) ?? []), page] };
}

/** The page with our theme added after Redoc's own styles. */
async function withTheme(html: string): Promise<string> {
  const css = await readFile(THEME, "utf8");
  return html.replace("</head>", () => `<style id="messages-theme">\n${css}</style>\n</head>`);
}

/** Builds the reference into `outDir` and returns the path of its index.html. */
export async function buildDocs(outDir = DOCS_DIST): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const page = join(outDir, "index.html");
  const work = await mkdtemp(join(tmpdir(), "docs-spec-"));
  try {
    const spec = join(work, "openapi.json");
    await writeFile(spec, JSON.stringify(await docsSpec()));
    // run() sets REDOCLY_TELEMETRY=off, which is also what switches the page's own telemetry off.
    await run("redocly", ["build-docs", spec, "--inlineBundle", "--output", page], { quiet: true });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const html = await withTheme(localizeAttribution(await readFile(page, "utf8")));
  const problems = offlineProblems(html);
  if (problems.length > 0) throw new Error(`The built reference is not self-contained:\n  ${problems.join("\n  ")}`);
  await writeFile(page, html);
  return page;
}

/** The page's size as served: raw and gzip-compressed, in kB. */
export async function pageWeight(page: string): Promise<string> {
  const html = await readFile(page);
  const kB = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;
  return `${kB(html.length)} (${kB(gzipSync(html).length)} gzipped), one file, no other request`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const page = await buildDocs();
  console.log(`Built ${page}: ${await pageWeight(page)}`);
}
