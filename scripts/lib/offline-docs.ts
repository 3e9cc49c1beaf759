// The Redoc page that `redocly build-docs --inlineBundle` writes still reaches for the network in
// one place: the "API docs by Redocly" attribution loads its logo from Redocly's CDN. This swaps it
// for a local wordmark, inlined, and then proves the page needs nothing from outside.
import { readFileSync } from "node:fs";
import { ROOT } from "../../spec/paths.ts";

const ATTRIBUTION_LOGOS = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;
const LOCAL_WORDMARK = `${ROOT}docs-site/assets/redocly-wordmark.svg`;

/**
 * CDN URLs that stay in the page's script but are never requested: the bases of Redocly's icon
 * sets, used only for custom `icon:` settings, which this build has none of. The browser test
 * fails on any request that leaves the page, so this list cannot hide a real one.
 */
const UNUSED_CDN_URLS = new Set(["https://cdn.redocly.com/icons/fa/7.0.0", "https://cdn.redocly.com/icons/code/5.24.0"]);

const CDN_URL = /https?:\/\/cdn\.[a-z0-9.-]+[^\s"'`)\\]*/g;

export function localizeAttribution(html: string): string {
  const svg = readFileSync(LOCAL_WORDMARK);
  return html.replace(ATTRIBUTION_LOGOS, `data:image/svg+xml;base64,${svg.toString("base64")}`);
}

/** Why the page would not work offline, or would phone home; empty when it is self-contained. */
export function offlineProblems(html: string): string[] {
  const problems = [...new Set(html.match(CDN_URL) ?? [])]
    .filter((url) => !UNUSED_CDN_URLS.has(url))
    .map((url) => `loads ${url}`);
  if (!html.includes(`"disableTelemetry":true`)) problems.push("has browser telemetry on (build with REDOCLY_TELEMETRY=off)");
  return problems;
}
