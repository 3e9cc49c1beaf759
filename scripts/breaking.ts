// Compares the bundled spec at a git ref with the current one, classifies every change as breaking
// or not, prints a changelog section, and fails on a breaking change unless info.version's major
// part was bumped.
//
//   npm run breaking -- <git-ref> [--write-changelog]
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { isObject, loadBundle, type OpenApiDocument } from "./lib/openapi.ts";
import { ROOT } from "./lib/paths.ts";
import { changelogSection, judge } from "./lib/spec-diff/changelog.ts";
import { diffSpecs } from "./lib/spec-diff/operation-diff.ts";

const CHANGELOG = `${ROOT}CHANGELOG.md`;

function bundleAt(ref: string): OpenApiDocument {
  try {
    const text = execFileSync("git", ["show", `${ref}:generated/openapi.json`], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return JSON.parse(text) as OpenApiDocument;
  } catch (error) {
    throw new Error(`Cannot read generated/openapi.json at '${ref}': ${(error as Error).message.split("\n")[0]}`);
  }
}

const versionOf = (spec: OpenApiDocument) => (isObject(spec.info) ? String(spec.info.version) : "0.0.0");

/** Inserts a section after the file's title, keeping older sections below it. */
async function prependToChangelog(section: string): Promise<void> {
  const current = await readFile(CHANGELOG, "utf8").catch(() => "# Changelog\n");
  const [title, ...rest] = current.split("\n\n");
  await writeFile(CHANGELOG, [title, section.trimEnd(), ...rest].join("\n\n").replace(/\n*$/, "\n"));
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { "write-changelog": { type: "boolean" } } });
const ref = positionals[0];
if (!ref) {
  console.error("Usage: npm run breaking -- <git-ref> [--write-changelog]");
  process.exit(2);
}

const before = bundleAt(ref);
const after = loadBundle();
const changes = diffSpecs(before, after);
const verdict = judge(versionOf(before), versionOf(after), changes);
const section = changelogSection(verdict, changes, new Date().toISOString().slice(0, 10));
console.log(section);
if (values["write-changelog"]) await prependToChangelog(section);

if (!verdict.allowed) {
  console.error(
    `${verdict.breaking.length} breaking change(s) from ${ref} (${verdict.from}) without a major version bump. ` +
      `Bump info.version to ${Number.parseInt(verdict.from, 10) + 1}.0.0 in openapi/openapi.yaml, or make the change compatible.`,
  );
  process.exitCode = 1;
}
