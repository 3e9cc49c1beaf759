// The real pipeline's stages: every input they name exists, and together they write exactly what
// `npm run generate` writes, so the cache tracks every generated file.
import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { pipelineStages, sequentially } from "../../scripts/lib/stages.ts";
import { GENERATED_DIR, ROOT } from "../../spec/paths.ts";

const stages = pipelineStages();

describe("the pipeline's stages", () => {
  it.each(stages.map((s) => [s.name, s] as const))("%s names only inputs that exist", (_, stage) => {
    expect(stage.inputs.filter((input) => !existsSync(join(ROOT, input)))).toEqual([]);
  });

  it("write every file of generated/, and nothing else there", () => {
    const written = stages.flatMap((s) => s.outputs).filter((file) => file.startsWith("generated/"));
    const files = readdirSync(GENERATED_DIR, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(written.sort()).toEqual(files.map((entry) => relative(ROOT, join(entry.parentPath, entry.name))).sort());
  });

  it("bundle first, then lint the bundle, generate, build the Postman collection and the docs beside one another", () => {
    const after = Object.fromEntries(stages.map((s) => [s.name, s.after]));
    expect(after).toEqual({
      "lint:spec": [],
      bundle: [],
      "lint:bundle": ["bundle"],
      types: ["bundle"],
      clients: ["bundle"],
      postman: ["bundle"],
      docs: ["bundle"],
    });
  });

  it("chain one after another when asked to run in sequence", () => {
    expect(sequentially(stages).map((s) => s.after)).toEqual([[], ["lint:spec"], ["bundle"], ["lint:bundle"], ["types"], ["clients"], ["postman"]]);
  });
});
