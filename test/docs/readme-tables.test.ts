// The README's generated tables say what the bundle says.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadBundle } from "../../spec/openapi.ts";
import { ROOT } from "../../spec/paths.ts";
import { syncReadme } from "../../scripts/lib/readme-tables.ts";

const spec = loadBundle();
const readme = readFileSync(`${ROOT}README.md`, "utf8");

describe("the README's generated tables", () => {
  it("are up to date with the bundle (npm run sync:readme rewrites them)", () => {
    expect(readme.includes("<!-- readme:mock-examples -->")).toBe(true);
    expect(syncReadme(readme, spec)).toBe(readme);
  });

  it("would be rewritten after an example is renamed in the spec", () => {
    const renamed = JSON.parse(JSON.stringify(spec).replaceAll('"contact_has_not_messaged":{"$ref"', '"cold_contact":{"$ref"'));
    const synced = syncReadme(readme, renamed);
    expect(synced).not.toBe(readme);
    expect(synced).toContain("`cold_contact`");
  });
});
