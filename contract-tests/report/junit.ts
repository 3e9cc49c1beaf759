// The run as JUnit XML, one test suite per scenario, for CI dashboards.
import { formatViolation } from "../../spec/conformance.ts";
import type { CheckResult, Scenario } from "../results.ts";
import type { Coverage } from "./coverage.ts";

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);

/**
 * A "spec behind the API" finding is written as the test case's system-out, or, with `strict`, as a
 * failure of its own kind. With `coverage`, a "coverage" suite lists every documented response not
 * observed: a failure when `coverageGated` (the emulator) and it is not allow-listed, else skipped.
 */
export function toJunit(
  title: string,
  results: readonly CheckResult[],
  seconds: number,
  strict = false,
  coverage?: Coverage,
  coverageGated = false,
): string {
  const behind = (result: CheckResult) => (result.specBehind ?? []).map(formatViolation).join("\n");
  const fails = (result: CheckResult) => result.outcome === "failed" || (strict && behind(result) !== "");
  const count = (list: readonly CheckResult[], outcome: "failed" | "skipped") =>
    list.filter((r) => (outcome === "failed" ? fails(r) : r.outcome === outcome)).length;
  const scenarios = [...new Set(results.map((r) => r.scenario))] as Scenario[];
  const suites = scenarios.map((scenario) => {
    const cases = results.filter((r) => r.scenario === scenario);
    const body = cases.map((result) => {
      const open = `    <testcase classname="${escapeXml(result.operationId)}" name="${escapeXml(result.name)}"`;
      const found = behind(result);
      const inner = [
        result.outcome === "skipped" && `<skipped message="${escapeXml(result.reason ?? "")}"/>`,
        result.outcome === "failed" && `<failure message="${result.violations.length} violation(s)">${escapeXml(result.violations.map(formatViolation).join("\n"))}</failure>`,
        found && strict && `<failure type="spec-behind-the-api" message="undocumented response field(s)">${escapeXml(found)}</failure>`,
        found && `<system-out>${escapeXml(`Spec behind the API:\n${found}`)}</system-out>`,
      ].filter(Boolean);
      if (inner.length === 0) return `${open}/>`;
      return `${open}>\n      ${inner.join("\n      ")}\n    </testcase>`;
    });
    const attributes = `name="${scenario}" tests="${cases.length}" failures="${count(cases, "failed")}" skipped="${count(cases, "skipped")}"`;
    return `  <testsuite ${attributes}>\n${body.join("\n")}\n  </testsuite>`;
  });
  const gaps = coverage ? coverageSuite(coverage, coverageGated) : undefined;
  const tests = results.length + (gaps?.tests ?? 0);
  const failures = count(results, "failed") + (gaps?.failures ?? 0);
  const skippedTotal = count(results, "skipped") + (gaps ? gaps.tests - gaps.failures : 0);
  const attributes = `name="${escapeXml(title)}" tests="${tests}" failures="${failures}" skipped="${skippedTotal}" time="${seconds.toFixed(3)}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ${attributes}>\n${[...suites, ...(gaps ? [gaps.xml] : [])].join("\n")}\n</testsuites>\n`;
}

function coverageSuite(coverage: Coverage, gated: boolean): { xml: string; tests: number; failures: number } {
  const cases = coverage.uncovered.map((item) => {
    const name = `${item.operationId} ${item.status}${item.code ? ` ${item.code}` : ""} observed`;
    const open = `    <testcase classname="${escapeXml(item.operationId)}" name="${escapeXml(name)}">`;
    const inner = gated && !item.allowed
      ? `<failure message="not observed">${escapeXml(item.reason)}</failure>`
      : `<skipped message="${escapeXml(item.allowed ? `allow-listed: ${item.reason}` : item.reason)}"/>`;
    return `${open}\n      ${inner}\n    </testcase>`;
  });
  const failures = gated ? coverage.uncovered.filter((item) => !item.allowed).length : 0;
  const properties = [
    `<property name="statuses observed" value="${coverage.statuses.observed}/${coverage.statuses.documented}"/>`,
    `<property name="error codes observed" value="${coverage.codes.observed}/${coverage.codes.documented}"/>`,
    ...coverage.codes.byOperation.map((tally) => `<property name="error codes observed: ${escapeXml(tally.operationId)}" value="${tally.observed}/${tally.documented}"/>`),
  ];
  const attributes = `name="coverage" tests="${cases.length}" failures="${failures}" skipped="${cases.length - failures}"`;
  const body = [`    <properties>\n${properties.map((p) => `      ${p}`).join("\n")}\n    </properties>`, ...cases].join("\n");
  return { xml: `  <testsuite ${attributes}>\n${body}\n  </testsuite>`, tests: cases.length, failures };
}
