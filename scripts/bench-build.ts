// `npm run bench:build`: how long `npm run build` takes cold, with nothing to do, after a file is
// merely touched, and after one path file is edited, against the naive chain (one npm script per
// stage, one after another). Also measured as bare commands, so npm's own start-up cannot flatter
// the comparison. Runs in a scratch copy of the working tree, so the checkout is never changed;
// every time is the median of several runs of the real command, process start included.
import { execFileSync, spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, symlink, utimes, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "../spec/paths.ts";

const EDITED = "openapi/paths/v1_messages.yaml";
const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
const RUNS = Number(values.runs);

/** A copy of the files git knows about (committed or not), sharing node_modules. */
async function scratchCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "bench-build-"));
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter(Boolean);
  for (const file of files) await cp(join(ROOT, file), join(dir, file), { recursive: true }).catch(() => {});
  await symlink(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

/** The stages as npm scripts: the pipeline as a team would chain it without a build tool. */
const STAGE_SCRIPTS = ["lint:redocly", "bundle", "lint:spectral", "generate:types", "generate:clients", "docs:build"];
const npm = (script: string): [string, string[]] => ["npm", ["run", "--silent", script]];
const node = (script: string): [string, string[]] => [process.execPath, ["--import", "tsx", script]];

/** The naive chain, typed as a user would (`npm run a && npm run b …`), and as bare commands. */
const NAIVE_NPM = STAGE_SCRIPTS.map(npm);
const NAIVE_BARE: Array<[string, string[]]> = [
  ["node_modules/.bin/redocly", ["lint"]],
  node("scripts/bundle.ts"),
  ["node_modules/.bin/spectral", ["lint", "generated/openapi.yaml", "--ruleset", ".spectral.yaml", "--fail-severity=warn"]],
  node("scripts/generate-types.ts"),
  node("scripts/generate-clients.ts"),
  node("scripts/docs-build.ts"),
];

/** Runs the commands in the copy, one after another, and answers their wall time in milliseconds. */
function time(dir: string, commands: Array<[string, string[]]>): number {
  const started = performance.now();
  for (const [command, args] of commands) {
    const result = spawnSync(command, args, { cwd: dir, encoding: "utf8", env: { ...process.env, REDOCLY_TELEMETRY: "off" } });
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  }
  return performance.now() - started;
}

const build = (...args: string[]): Array<[string, string[]]> => [[process.execPath, ["--no-opt", "--import", "tsx", "scripts/build.ts", ...args]]];
const npmBuild: Array<[string, string[]]> = [npm("build")];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(dir: string, prepare: () => Promise<void>, commands: Array<[string, string[]]>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await prepare();
    times.push(time(dir, commands));
  }
  return median(times);
}

const dir = await scratchCopy();
try {
  const cache = join(dir, ".cache");
  const edited = join(dir, EDITED);
  const original = await readFile(edited, "utf8");
  let edits = 0;
  const clearCache = () => rm(cache, { recursive: true, force: true });
  const nothing = async () => {};
  const touch = () => utimes(edited, new Date(), new Date());
  // A real change to one operation's summary, different every run.
  const edit = () => writeFile(edited, original.replace(/summary: (.*)/, (_, summary: string) => `summary: ${summary} (edit ${++edits})`));

  const naiveNpm = await measure(dir, nothing, NAIVE_NPM);
  const naive = await measure(dir, nothing, NAIVE_BARE);
  const sequential = await measure(dir, clearCache, build("--sequential", "--force"));
  const coldNpm = await measure(dir, clearCache, npmBuild);
  const cold = await measure(dir, clearCache, build());
  const noop = await measure(dir, nothing, npmBuild);
  const touched = await measure(dir, touch, npmBuild);
  const changed = await measure(dir, edit, npmBuild);

  const width = 62;
  const line = (what: string, ms: number, base: number) => `${what.padEnd(width)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${(ms / base).toFixed(2).padStart(5)}×`;
  console.log(`Build times on ${availableParallelism()} cores: median of ${RUNS} runs each, process start-up included.`);
  console.log(`\nAs typed (npm run …), against the naive chain of npm scripts:`);
  console.log(`(naive chain: npm run ${STAGE_SCRIPTS.join(" && npm run ")})`);
  console.log(line("naive chain: each stage's npm script in turn", naiveNpm, naiveNpm));
  console.log(line("npm run build, cold (empty cache)", coldNpm, naiveNpm));
  console.log(line("npm run build, nothing changed", noop, naiveNpm));
  console.log(line("npm run build after touching one path file (same bytes)", touched, naiveNpm));
  console.log(line("npm run build after editing one path file", changed, naiveNpm));
  console.log(`\nAs bare commands (no npm), against the same stages run one by one:`);
  console.log(line("naive chain: one command per stage", naive, naive));
  console.log(line("build --sequential --force: the stages in sequence, one process", sequential, naive));
  console.log(line("build, cold (empty cache)", cold, naive));
  console.log(`\nTargets: no-op ≤ 1.00 s: ${(noop / 1000).toFixed(2)} s (${noop <= 1000 ? "met" : "missed"}); ` +
    `cold ≤ 0.60× the naive chain: ${(coldNpm / naiveNpm).toFixed(2)}× as typed, ${(cold / naive).toFixed(2)}× bare (${coldNpm / naiveNpm <= 0.6 ? "met" : "missed"} as typed).`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
