import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { localizeAttribution, offlineProblems } from "../../scripts/lib/offline-docs.ts";

const TELEMETRY_OFF = `{"disableTelemetry":true}`;

describe("offline checks of the built page", () => {
  it("accept a page that loads nothing remote and has telemetry off", () => {
    expect(offlineProblems(`<script>${TELEMETRY_OFF};const icons="https://cdn.redocly.com/icons/fa/7.0.0"</script>`)).toEqual([]);
  });

  it("report a CDN script and the telemetry switch left on", () => {
    const html = `<script src="https://cdn.redocly.com/redoc/v3.0.1/redoc.standalone.js"></script>{"disableTelemetry":false}`;
    expect(offlineProblems(html)).toEqual([
      "loads https://cdn.redocly.com/redoc/v3.0.1/redoc.standalone.js",
      "has browser telemetry on (build with REDOCLY_TELEMETRY=off)",
    ]);
  });

  it("replace the attribution logos from the CDN with the local wordmark, inlined", async () => {
    const html = localizeAttribution("src:e?`https://cdn.redoc.ly/redoc/logo-mini-full.svg`:`https://cdn.redoc.ly/redoc/logo-mini.svg`");
    expect(html).not.toContain("cdn.redoc.ly");
    const wordmark = await readFile(new URL("../../docs-site/assets/redocly-wordmark.svg", import.meta.url));
    expect(html).toContain(`data:image/svg+xml;base64,${wordmark.toString("base64")}`);
    expect(offlineProblems(html + TELEMETRY_OFF)).toEqual([]);
  });
});
