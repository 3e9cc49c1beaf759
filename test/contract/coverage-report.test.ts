// The coverage reports: the printed line with statuses and error codes observed out of documented,
// and in JUnit a "coverage" suite whose unobserved responses fail only where coverage is gated
// (the emulator) and only when the allow-list does not excuse them.
import { describe, expect, it } from "vitest";
import { coverageLine, coverageOf, documentedResponses } from "../../contract-tests/report/coverage.ts";
import { toJunit } from "../../contract-tests/report/junit.ts";
import { checked } from "../../contract-tests/results.ts";
import { loadBundle } from "../../spec/openapi.ts";

const spec = loadBundle();
const documented = documentedResponses(spec);
const codeCount = documented.reduce((sum, response) => sum + response.codes.length, 0);
const scopeRefused = checked({ scenario: "provocations", name: "listLines: 403 insufficient_scope", operationId: "listLines" }, 403, [], [], "insufficient_scope");
const listed = checked({ scenario: "examples", name: "listLines", operationId: "listLines" }, 200, []);

describe("the coverage line", () => {
  it("counts a status once observed, and an error code only with its status", () => {
    const coverage = coverageOf(spec, [listed, scopeRefused]);
    expect(coverageLine(coverage)).toBe(`Coverage: 1/${coverage.operations.total} operations exercised, 2/${documented.length} documented statuses observed, 1/${codeCount} documented error codes observed`);
    expect(coverage.codes.byOperation.find((tally) => tally.operationId === "listLines")).toEqual({ operationId: "listLines", observed: 1, documented: documented.filter((r) => r.operationId === "listLines").reduce((sum, r) => sum + r.codes.length, 0) });
  });
});

describe("the coverage suite in JUnit", () => {
  const coverage = coverageOf(spec, [listed, scopeRefused], [{ operationId: "listLines", status: "500", code: "server_error", reason: "a scratch excuse" }]);
  const missing = coverage.uncovered.length;

  it("fails each unobserved response the allow-list does not excuse, where coverage is gated", () => {
    const xml = toJunit("t", [listed], 1, false, coverage, true);
    expect(xml).toContain(`<testsuite name="coverage" tests="${missing}" failures="${missing - 1}" skipped="1">`);
    expect(xml).toContain('<testcase classname="listLines" name="listLines 429 rate_limit_exceeded observed">\n      <failure message="not observed">no check of this run provokes it</failure>');
    expect(xml).toContain('<skipped message="allow-listed: a scratch excuse"/>');
    expect(xml).toMatch(/<property name="error codes observed: listLines" value="1\/\d+"\/>/);
  });

  it("skips them, with their reason, where it is not (the mock, live)", () => {
    expect(toJunit("t", [listed], 1, false, coverage, false)).toContain(`<testsuite name="coverage" tests="${missing}" failures="0" skipped="${missing}">`);
  });
});
