// The layering rules of .dependency-cruiser.cjs: the real tree breaks none, and a fixture that
// breaks each rule once (test/layering/fixture/) is caught at every forbidden import. And the
// emulator keeps its SQL in emulator/state/.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cruise, type ICruiseResult, type IViolation } from "dependency-cruiser";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../spec/paths.ts";

const config = createRequire(import.meta.url)(`${ROOT}.dependency-cruiser.cjs`) as {
  forbidden: Array<{ name: string }>;
  options: Record<string, unknown>;
};
const LAYERED = ["spec", "tooling", "scripts", "src", "emulator", "contract-tests", "docs-site", "test", "generated"];

async function violations(baseDir: string, paths: string[]): Promise<string[]> {
  const { output } = await cruise(paths, { ...config.options, baseDir, validate: true, ruleSet: { forbidden: config.forbidden } } as never);
  return ((output as ICruiseResult).summary.violations as IViolation[]).map(({ rule, from, to }) => `${rule.name}: ${from} → ${to}`).sort();
}

describe("the layering", () => {
  it("holds in the repository: no cycle, no import upwards, the emulator reached through its entry", async () => {
    expect(await violations(ROOT, LAYERED)).toEqual([]);
  });

  it("catches every forbidden import of the fixture, one rule at a time", async () => {
    const found = await violations(`${ROOT}test/layering/fixture`, ["."]);
    expect(found).toEqual([
      "contract-suite-below-the-scripts: contract-tests/suite.ts → scripts/build.ts",
      "emulator-below-its-users: emulator/http.ts → tooling/run.ts",
      "emulator-through-its-entry: scripts/build.ts → emulator/state/db.ts",
      "emulator-through-its-entry: spec/reader.ts → emulator/state/db.ts",
      "no-cycles: spec/a.ts → spec/b.ts",
      "package-stands-alone: src/index.ts → spec/reader.ts",
      "spec-library-at-the-bottom: spec/reader.ts → emulator/state/db.ts",
      "tests-are-not-imported: scripts/build.ts → test/helper.ts",
      "tooling-below-the-areas: tooling/run.ts → scripts/build.ts",
    ]);
    expect(new Set(found.map((line) => line.split(":")[0]))).toEqual(new Set(config.forbidden.map(({ name }) => name)));
  });
});

/** The files, among those given, that run SQL (`sql(…)`) outside emulator/state/. */
function sqlOutsideState(files: Array<{ path: string; text: string }>): string[] {
  return files.filter(({ path, text }) => !path.startsWith("emulator/state/") && /\bsql\(/.test(text)).map(({ path }) => path);
}

describe("the emulator's SQL", () => {
  it("lives in emulator/state/ only", () => {
    const paths = execFileSync("git", ["ls-files", "emulator"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter((path) => path.endsWith(".ts"));
    expect(paths.length).toBeGreaterThan(0);
    expect(sqlOutsideState(paths.map((path) => ({ path, text: readFileSync(`${ROOT}${path}`, "utf8") })))).toEqual([]);
  });

  it("is found wherever else it is written", () => {
    const query = 'sql(db, "SELECT * FROM chats WHERE id = ?")';
    expect(sqlOutsideState([{ path: "emulator/api/chats.ts", text: query }, { path: "emulator/state/lookups.ts", text: query }])).toEqual(["emulator/api/chats.ts"]);
  });
});
