// Runs build stages as a graph: each starts as soon as the stages it needs are done, so independent
// stages run in parallel, and a stage whose inputs and outputs are unchanged since its last success
// is skipped. Prints each stage's progress and time; a failure shows the tool's own message.
import { isFresh, outputHashes, readCache, writeCache, type BuildCache } from "./cache.ts";
import { treeHash } from "./content-hash.ts";

export interface Stage {
  name: string;
  /** Stages that must succeed first. */
  after: readonly string[];
  /** Files and folders whose contents decide the outputs (including the stage's own code). */
  inputs: readonly string[];
  /** Files the stage writes; a stage with none is a check. */
  outputs: readonly string[];
  run(): Promise<void>;
}

export type Outcome = "ran" | "cached" | "failed" | "blocked";

export interface StageResult {
  name: string;
  outcome: Outcome;
  ms: number;
  error?: string;
}

export interface BuildOptions {
  root: string;
  cacheFile: string;
  /** Inputs every stage shares, e.g. the lock file that pins the tools. */
  sharedInputs?: readonly string[];
  /** Ignore the cache: run every stage. */
  force?: boolean;
  log?: (line: string) => void;
}

const SYMBOL: Record<Outcome, string> = { ran: "✓", cached: "·", failed: "✗", blocked: "-" };
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function runBuild(stages: readonly Stage[], options: BuildOptions): Promise<StageResult[]> {
  const { root, cacheFile, sharedInputs = [], force = false, log = console.log } = options;
  const byName = new Map(stages.map((stage) => [stage.name, stage]));
  for (const stage of stages) {
    const unknown = stage.after.filter((name) => !byName.has(name));
    if (unknown.length > 0) throw new Error(`Stage ${stage.name} waits for unknown stage(s): ${unknown.join(", ")}`);
  }
  const cache: BuildCache = force ? {} : await readCache(cacheFile);
  const next: BuildCache = { ...cache };
  const results = new Map<string, Promise<StageResult>>();

  const execute = async (stage: Stage): Promise<StageResult> => {
    const upstream = await Promise.all(stage.after.map((name) => resultOf(byName.get(name)!)));
    if (upstream.some((result) => result.outcome === "failed" || result.outcome === "blocked")) {
      return report({ name: stage.name, outcome: "blocked", ms: 0 });
    }
    const started = performance.now();
    const inputs = await treeHash(root, [...sharedInputs, ...stage.inputs]);
    if (await isFresh(root, cache[stage.name], inputs, stage.outputs)) {
      return report({ name: stage.name, outcome: "cached", ms: performance.now() - started });
    }
    log(`▸ ${stage.name}`);
    try {
      await stage.run();
      next[stage.name] = { inputs, outputs: await outputHashes(root, stage.outputs) };
      return report({ name: stage.name, outcome: "ran", ms: performance.now() - started });
    } catch (error) {
      delete next[stage.name];
      return report({ name: stage.name, outcome: "failed", ms: performance.now() - started, error: (error as Error).message });
    }
  };

  const resultOf = (stage: Stage): Promise<StageResult> => {
    let result = results.get(stage.name);
    if (!result) results.set(stage.name, (result = execute(stage)));
    return result;
  };

  const report = (result: StageResult): StageResult => {
    const detail = result.outcome === "cached" ? "unchanged" : result.outcome === "blocked" ? "not run: a stage it needs failed" : seconds(result.ms);
    log(`${SYMBOL[result.outcome]} ${result.name.padEnd(12)} ${detail}`);
    if (result.error) log(indent(result.error));
    return result;
  };

  const all = await Promise.all(stages.map(resultOf));
  await writeCache(cacheFile, next);
  return all;
}

const indent = (text: string) => text.trimEnd().replace(/^/gm, "    ");
