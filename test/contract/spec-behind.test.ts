// "Spec behind the API": an undocumented response field is its own finding, apart from violations.
// Every report shows it (the summary printed to stdout and written to summary.md, and junit.xml);
// it fails the run only under --strict.
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../contract-tests/config.ts";
import { toJunit } from "../../contract-tests/report/junit.ts";
import { toSummary, type RunFacts } from "../../contract-tests/report/summary.ts";
import { UNDOCUMENTED_FIELD, type Violation } from "../../spec/conformance.ts";
import { checked, failsRun } from "../../contract-tests/results.ts";
import { coverageOf } from "../../contract-tests/report/coverage.ts";
import { loadBundle } from "../../spec/openapi.ts";

const spec = loadBundle();
const base = { scenario: "examples" as const, operationId: "listLines" };
const finding = (rule: Violation["rule"], pointer: string): Violation => ({ operationId: "listLines", status: 200, rule, pointer, expected: "e", actual: "a" });
const behind = checked({ ...base, name: "lines with a new field" }, 200, [finding(UNDOCUMENTED_FIELD, "/body/data/0/color")]);
const violated = checked({ ...base, name: "lines without an id" }, 200, [finding("body", "/body/data/0/id")]);
const clean = checked({ ...base, name: "lines" }, 200, []);
const facts: RunFacts = { target: "emulator", baseUrl: "http://127.0.0.1:1", seconds: 1, requests: 3, coverage: coverageOf(spec, [clean]) };

describe("a spec-behind finding", () => {
  it("passes its check and is kept apart from violations", () => {
    expect(behind).toMatchObject({ outcome: "passed", violations: [], specBehind: [expect.objectContaining({ pointer: "/body/data/0/color" })] });
    expect(violated).toMatchObject({ outcome: "failed" });
    expect(violated).not.toHaveProperty("specBehind");
  });

  it("fails the run only with --strict; a violation fails it either way", () => {
    expect(failsRun([clean, behind], false)).toBe(false);
    expect(failsRun([clean, behind], true)).toBe(true);
    expect(failsRun([clean], true)).toBe(false);
    expect(failsRun([violated], false)).toBe(true);
  });

  it("is shown in the summary, with what it means, and counted on a clean run too", () => {
    const summary = toSummary(spec, [clean, behind], facts);
    expect(summary).toContain("Spec behind the API: 1 undocumented response field(s); not a failure without --strict.");
    expect(summary).toContain("## Spec behind the API");
    expect(summary).toContain("listLines 200 /body/data/0/color: expected e, got a");
    expect(toSummary(spec, [clean, behind], facts, true)).toContain("1 undocumented response field(s); fails the run (--strict).");
    expect(toSummary(spec, [clean], facts)).toContain("Spec behind the API: 0 undocumented response field(s); none.");
  });

  it("is in junit.xml as the test case's output, and as a failure of its own type under --strict", () => {
    const lenient = toJunit("run", [clean, behind], 1);
    expect(lenient).toContain("<system-out>Spec behind the API:\nlistLines 200 /body/data/0/color");
    expect(lenient).toContain('failures="0"');
    const strict = toJunit("run", [clean, behind], 1, true);
    expect(strict).toContain('<failure type="spec-behind-the-api"');
    expect(strict).toContain('failures="1"');
  });
});

describe("--strict", () => {
  it("is off unless asked for", () => {
    expect(resolveConfig(["--target", "mock"], {}).strict).toBe(false);
    expect(resolveConfig(["--target", "mock", "--strict"], {}).strict).toBe(true);
  });
});
