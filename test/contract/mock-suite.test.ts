// CI's contract run: the whole suite against the Prism mock, which the runner starts and stops.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../contract-tests/config.ts";
import { writeReports } from "../../contract-tests/report/write.ts";
import { formatViolation } from "../../spec/conformance.ts";
import { documentedResponses } from "../../contract-tests/report/coverage.ts";
import { runSuite, type SuiteRun } from "../../contract-tests/suite.ts";
import { loadBundle, operations, type JsonObject } from "../../spec/openapi.ts";

const spec = loadBundle();
const count = operations(spec).length;
let reportsDir: string;
let run: SuiteRun;

beforeAll(async () => {
  reportsDir = await mkdtemp(join(tmpdir(), "contract-reports-"));
  const config = resolveConfig(["--target", "mock"], { CONTRACT_REPORTS_DIR: reportsDir });
  run = await runSuite({ config, spec });
  await writeReports(config.reportsDir, spec, run, [config.apiKey]);
});
afterAll(() => rm(reportsDir, { recursive: true, force: true }));

describe("the contract suite against the mock", () => {
  it("finds no violation", () => {
    const failures = run.results.filter((r) => r.outcome === "failed").flatMap((r) => r.violations.map(formatViolation));
    expect(failures).toEqual([]);
  });

  it("exercises every operation", () => {
    expect(run.coverage.operations).toEqual({ exercised: count, total: count, missing: [] });
  });

  it("runs each scenario", () => {
    const ran = (scenario: string) => run.results.filter((r) => r.scenario === scenario && r.outcome === "passed").length;
    expect([ran("examples"), ran("workflows"), ran("negatives")].every((count) => count > 0)).toBe(true);
  });

  it("skips the steps that need state, each with the mock's reason", () => {
    const skippedSteps = run.results.filter((r) => r.scenario === "workflows" && r.outcome === "skipped");
    expect(skippedSteps.map((r) => r.name)).toEqual(expect.arrayContaining(["sendAttachment › pollOutbox", "sendAttachment › findMessage", "manageWebhook › listWebhooks"]));
    expect(skippedSteps.every((r) => r.reason?.startsWith("the mock ") || r.reason?.startsWith("runs on the emulator only: "))).toBe(true);
  });

  it("reports its own coverage, counted from the bundle: every documented error example selected by name", async () => {
    const documented = documentedResponses(spec);
    const codes = documented.reduce((sum, response) => sum + response.codes.length, 0);
    expect(run.coverage.statuses).toEqual({ observed: documented.length, documented: documented.length });
    expect(run.coverage.codes).toMatchObject({ observed: codes, documented: codes });
    const summary = await readFile(join(reportsDir, "summary.md"), "utf8");
    expect(summary).toContain(`${documented.length}/${documented.length} documented statuses observed, ${codes}/${codes} documented error codes observed`);
    expect(summary).toContain("## Not observed");
    expect(summary).toContain("on the mock it is selected and checked against the bundle, not provoked");
  });

  it("stops the Prism it started", async () => {
    await expect(fetch(`${run.target.baseUrl}/v1/lines`)).rejects.toThrow();
  });

  it("writes a summary with the coverage line, JUnit XML, and a HAR with every exchange", async () => {
    const summary = await readFile(join(reportsDir, "summary.md"), "utf8");
    expect(summary).toContain(`Coverage: ${count}/${count} operations exercised`);
    expect(summary).toContain("Spec behind the API: 0 undocumented response field(s); none.");
    expect(summary).toMatch(/\| `sendMessage` \| \d+ \| \d+ \| 0 \| \d+ \|/);
    const junit = await readFile(join(reportsDir, "junit.xml"), "utf8");
    expect(junit).toContain(`tests="${run.results.length}" failures="0"`);
    const har = JSON.parse(await readFile(join(reportsDir, "exchanges.har"), "utf8")) as { log: { entries: unknown[] } };
    expect(har.log.entries).toHaveLength(run.exchanges.length);
  });
});

describe("the contract suite against a mock that drifted from the spec", () => {
  it("flags the answers that lack a field the spec now requires", async () => {
    // The mock still serves the committed bundle; the suite checks it against a spec that requires one more field.
    const drifted = structuredClone(spec);
    const line = ((drifted.components as JsonObject).schemas as Record<string, JsonObject>).Line!;
    line.required = [...(line.required as string[]), "created_at"];
    line.properties = { ...(line.properties as JsonObject), created_at: { type: "integer" } };
    const config = resolveConfig(["--target", "mock"], {});
    const drift = await runSuite({ config, spec: drifted });
    const flagged = drift.results.filter((r) => r.outcome === "failed").flatMap((r) => r.violations.map(formatViolation));
    expect(flagged).toContain("listLines 200 /body/data/0/created_at: expected a required property, got nothing");
  });
});
