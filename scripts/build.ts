// `npm run build`: lint → bundle → lint the bundle, types, clients and docs in parallel; a stage
// whose inputs are unchanged since its last success is skipped. `--force` ignores the cache;
// `--sequential` runs the stages one after another (the naive chain the benchmark compares with).
// Exits non-zero, with the failing tool's message, when any stage fails.
import { parseArgs } from "node:util";
import { ROOT } from "../spec/paths.ts";
import { runBuild, type StageResult } from "../tooling/build/runner.ts";
import { BUILD_CACHE, pipelineStages, sequentially } from "./lib/stages.ts";

export interface BuildRequest {
  /** Build these stages only (their inputs decide whether they run); default: every stage. */
  only?: readonly string[];
  force?: boolean;
  sequential?: boolean;
  log?: (line: string) => void;
}

/** Builds whatever is stale; resolves with each stage's result. */
export function build({ only, sequential = false, ...options }: BuildRequest = {}): Promise<StageResult[]> {
  const all = only ? pipelineStages().filter((stage) => only.includes(stage.name)).map((stage) => ({ ...stage, after: stage.after.filter((name) => only.includes(name)) })) : pipelineStages();
  const stages = sequential ? sequentially(all) : all;
  return runBuild(stages, { root: ROOT, cacheFile: BUILD_CACHE, sharedInputs: ["package-lock.json"], ...options });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { force: { type: "boolean" }, sequential: { type: "boolean" } } });
  const started = performance.now();
  const results = await build(values);
  const failed = results.filter((r) => r.outcome === "failed" || r.outcome === "blocked");
  const ran = results.filter((r) => r.outcome === "ran").length;
  console.log(`${failed.length > 0 ? "Build failed" : "Built"} in ${((performance.now() - started) / 1000).toFixed(2)} s: ${ran} ran, ${results.length - ran - failed.length} unchanged${failed.length > 0 ? `, ${failed.length} failed or not run` : ""}.`);
  if (failed.length > 0) process.exitCode = 1;
}
