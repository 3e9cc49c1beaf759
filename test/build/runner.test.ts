// The build runner: stages in dependency order, independent ones together, skipped when their
// inputs and outputs are unchanged, re-run when content changes, and failures reported.
import { mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runBuild, type Stage } from "../../tooling/build/runner.ts";

let root: string;
let runs: string[];
const cacheFile = () => join(root, ".cache", "stages.json");
const build = (stages: Stage[], force = false) => runBuild(stages, { root, cacheFile: cacheFile(), force, log: () => {} });
const outcomes = async (stages: Stage[]) => Object.fromEntries((await build(stages)).map((r) => [r.name, r.outcome]));

/** A stage that copies `input` to `output`, recording that it ran. */
function copy(name: string, input: string, output: string, after: string[] = []): Stage {
  return {
    name,
    after,
    inputs: [input],
    outputs: [output],
    run: async () => {
      runs.push(name);
      await writeFile(join(root, output), await readFile(join(root, input)));
    },
  };
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "build-runner-"));
  runs = [];
  await writeFile(join(root, "spec.txt"), "v1");
});
afterEach(() => rm(root, { recursive: true, force: true }));

const pipeline = () => [copy("bundle", "spec.txt", "bundle.txt"), copy("types", "bundle.txt", "types.txt", ["bundle"]), copy("docs", "bundle.txt", "docs.txt", ["bundle"])];

describe("the build runner", () => {
  it("runs each stage after the stages it needs", async () => {
    await build(pipeline());
    expect(runs[0]).toBe("bundle");
    expect(runs.slice(1).sort()).toEqual(["docs", "types"]);
  });

  it("runs independent stages at the same time", async () => {
    const started: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const waiting = (name: string): Stage => ({
      name,
      after: [],
      inputs: [],
      outputs: [],
      run: async () => {
        started.push(name);
        if (started.length === 2) release();
        await gate; // each waits until the other has started: sequential stages would never get here
      },
    });
    await build([waiting("a"), waiting("b")]);
    expect(started.sort()).toEqual(["a", "b"]);
  });

  it("skips every stage when nothing changed", async () => {
    await build(pipeline());
    runs = [];
    expect(await outcomes(pipeline())).toEqual({ bundle: "cached", types: "cached", docs: "cached" });
    expect(runs).toEqual([]);
  });

  it("skips a stage whose input was touched but not changed", async () => {
    await build(pipeline());
    runs = [];
    await utimes(join(root, "spec.txt"), new Date(), new Date(Date.now() + 60_000));
    await build(pipeline());
    expect(runs).toEqual([]);
  });

  it("re-runs a stage whose input changed, and the stages that read its output", async () => {
    await build(pipeline());
    runs = [];
    await writeFile(join(root, "spec.txt"), "v2");
    expect(await outcomes(pipeline())).toEqual({ bundle: "ran", types: "ran", docs: "ran" });
    expect(await readFile(join(root, "docs.txt"), "utf8")).toBe("v2");
  });

  it("re-runs a stage whose output was edited by hand", async () => {
    await build(pipeline());
    await writeFile(join(root, "types.txt"), "edited");
    expect(await outcomes(pipeline())).toEqual({ bundle: "cached", types: "ran", docs: "cached" });
    expect(await readFile(join(root, "types.txt"), "utf8")).toBe("v1");
  });

  it("runs everything again when forced", async () => {
    await build(pipeline());
    runs = [];
    await build(pipeline(), true);
    expect(runs.sort()).toEqual(["bundle", "docs", "types"]);
  });

  it("reports a failing stage with its tool's message, does not run what needs it, and does not cache it", async () => {
    const failing: Stage = { ...copy("bundle", "spec.txt", "bundle.txt"), run: () => Promise.reject(new Error("redocly: 1 error in openapi.yaml")) };
    const lines: string[] = [];
    const results = await runBuild([failing, ...pipeline().slice(1)], { root, cacheFile: cacheFile(), log: (line) => lines.push(line) });
    expect(Object.fromEntries(results.map((r) => [r.name, r.outcome]))).toEqual({ bundle: "failed", types: "blocked", docs: "blocked" });
    expect(lines.join("\n")).toContain("redocly: 1 error in openapi.yaml");
    expect(await outcomes(pipeline())).toEqual({ bundle: "ran", types: "ran", docs: "ran" });
  });

  it("refuses a stage that waits for an unknown one", async () => {
    await expect(build([copy("types", "bundle.txt", "types.txt", ["bundel"])])).rejects.toThrow(/unknown stage\(s\): bundel/);
  });
});
