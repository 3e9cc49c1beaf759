// `npm run docs:build`: the Redoc reference, built from the bundle into one self-contained
// docs-site/dist/index.html that any static host can serve and that works with the network cut.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { localizeAttribution, offlineProblems } from "./lib/offline-docs.ts";
import { BUNDLE_JSON, ROOT } from "../spec/paths.ts";
import { run } from "../tooling/process/run.ts";

export const DOCS_DIST = `${ROOT}docs-site/dist`;
const THEME = `${ROOT}docs-site/assets/theme.css`;

/** The page with our theme (docs-site/assets/theme.css) added after Redoc's own styles. */
async function withTheme(html: string): Promise<string> {
  const css = await readFile(THEME, "utf8");
  return html.replace("</head>", () => `<style id="messages-theme">\n${css}</style>\n</head>`);
}

/** Builds the reference into `outDir` and returns the path of its index.html. */
export async function buildDocs(outDir = DOCS_DIST): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const page = join(outDir, "index.html");
  // run() sets REDOCLY_TELEMETRY=off, which is also what switches the page's own telemetry off.
  await run("redocly", ["build-docs", BUNDLE_JSON, "--inlineBundle", "--output", page], { quiet: true });
  const html = await withTheme(localizeAttribution(await readFile(page, "utf8")));
  const problems = offlineProblems(html);
  if (problems.length > 0) throw new Error(`The built reference is not self-contained:\n  ${problems.join("\n  ")}`);
  await writeFile(page, html);
  return page;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const page = await buildDocs();
  console.log(`Built ${page}`);
}
