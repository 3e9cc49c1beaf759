// Compares the bundled spec at a git ref with the current one, classifies every change as breaking
// or not, type-checks code written against the old generated client against the current one (see
// client-compat.ts), prints a changelog section, and fails on a breaking change unless
// info.version's major part was bumped.
//
//   npm run breaking -- <git-ref> [--write-changelog] [--skip-client-check]
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { isObject, loadBundle, type OpenApiDocument } from "../spec/openapi.ts";
import { ROOT } from "../spec/paths.ts";
import type { Change } from "../spec/diff/change.ts";
import { changelogSection, judge } from "../spec/diff/changelog.ts";
import { clientCompatErrors } from "../spec/diff/client-compat.ts";
import { diffSpecs } from "../spec/diff/operation-diff.ts";

const CHANGELOG = `${ROOT}CHANGELOG.md`;

function fileAt(ref: string, path: string): string {
  try {
    return execFileSync("git", ["show", `${ref}:${path}`], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    throw new Error(`Cannot read ${path} at '${ref}': ${(error as Error).message.split("\n")[0]}`);
  }
}

/** Code written against the old client that no longer compiles against this checkout's. */
async function clientBreaks(ref: string, before: OpenApiDocument): Promise<Change[]> {
  const errors = await clientCompatErrors(before, fileAt(ref, "generated/schema.d.ts"));
  return errors.map((error) => {
    const [operation, message] = [error.slice(0, error.indexOf(":")), error.slice(error.indexOf(":") + 2)];
    return { rule: "client-no-longer-compiles", breaking: true, where: `\`${operation}\` (generated client)`, what: `code written against ${ref} no longer compiles: ${message}` };
  });
}

const versionOf = (spec: OpenApiDocument) => (isObject(spec.info) ? String(spec.info.version) : "0.0.0");

/** Inserts a section above the newest one, below the file's title and introduction. */
async function prependToChangelog(section: string): Promise<void> {
  const current = await readFile(CHANGELOG, "utf8").catch(() => "# Changelog\n");
  const newest = current.search(/^## /m);
  const [head, older] = newest < 0 ? [current, ""] : [current.slice(0, newest), current.slice(newest)];
  await writeFile(CHANGELOG, [head.trimEnd(), section.trimEnd(), older.trimEnd()].filter(Boolean).join("\n\n").concat("\n"));
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { "write-changelog": { type: "boolean" }, "skip-client-check": { type: "boolean" } },
});
const ref = positionals[0];
if (!ref) {
  console.error("Usage: npm run breaking -- <git-ref> [--write-changelog] [--skip-client-check]");
  process.exit(2);
}

const before = JSON.parse(fileAt(ref, "generated/openapi.json")) as OpenApiDocument;
const after = loadBundle();
const changes = [...diffSpecs(before, after), ...(values["skip-client-check"] ? [] : await clientBreaks(ref, before))];
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
