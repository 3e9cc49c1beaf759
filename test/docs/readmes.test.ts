// The READMEs: the root one is the entry point and stays short, each area's starts with what lives
// there and stays short, and every relative link in them and in the guides reaches its file and
// heading.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../spec/paths.ts";

const AREA_READMES = ["openapi", "emulator", "contract-tests", "spectral", "spec", "src"].map((area) => `${area}/README.md`);
const LINKED_PAGES = ["README.md", "ARCHITECTURE.md", ...AREA_READMES, "portability/README.md", "docs-site/README.md", "docs/mock.md", "docs/postman.md", "docs/pipeline.md", "docs/sources.md"];
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchorOf = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, "").replace(/ /g, "-");

function anchors(markdown: string): Set<string> {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, "");
  return new Set([...withoutCode.matchAll(/^#{1,6} (.+)$/gm)].map(([, heading]) => anchorOf(heading!)));
}

/** The relative links of a page (`[text](path#anchor)`) that reach no file, or no heading in it. */
function brokenLinks(page: string, markdown: string, exists: (file: string) => boolean, headings: (file: string) => Set<string>): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, "");
  const targets = [...withoutCode.matchAll(/\]\(([^)\s]+)\)/g)].map(([, target]) => target!).filter((target) => !/^[a-z]+:/.test(target));
  return targets.filter((target) => {
    const [path, anchor] = target.split("#") as [string, string | undefined];
    const file = path === "" ? page : relative(ROOT, join(ROOT, dirname(page), path));
    if (!exists(file)) return true;
    return anchor !== undefined && file.endsWith(".md") && !headings(file).has(anchor);
  });
}

describe("the READMEs", () => {
  it("keep the root one under 15 kB", () => {
    expect(Buffer.byteLength(read("README.md"))).toBeLessThan(15_000);
  });

  it.each(AREA_READMES)("%s is under 12 kB and starts with what lives there", (file) => {
    const text = read(file);
    expect(Buffer.byteLength(text)).toBeLessThan(12_000);
    expect(text).toMatch(/^# .+\n\nWhat lives here: /);
  });

  it.each(LINKED_PAGES)("%s links only to files and headings that exist", (page) => {
    expect(brokenLinks(page, read(page), (file) => existsSync(join(ROOT, file)), (file) => anchors(read(file)))).toEqual([]);
  });

  it("finds a link to a missing file, and one to a missing heading", () => {
    const page = "[a](docs/none.md) [b](README.md#no-such-heading) [c](README.md#quick-start) [d](https://example.com)";
    const broken = brokenLinks("README.md", page, (file) => file === "README.md", () => new Set(["quick-start"]));
    expect(broken).toEqual(["docs/none.md", "README.md#no-such-heading"]);
  });
});
