// The run as JUnit XML, one test suite per scenario, for CI dashboards.
import { formatViolation } from "../../spec/conformance.ts";
import type { CheckResult, Scenario } from "../results.ts";

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);

/**
 * A "spec behind the API" finding is written as the test case's system-out, or, with `strict`, as a
 * failure of its own kind.
 */
export function toJunit(title: string, results: readonly CheckResult[], seconds: number, strict = false): string {
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
  const attributes = `name="${escapeXml(title)}" tests="${results.length}" failures="${count(results, "failed")}" skipped="${count(results, "skipped")}" time="${seconds.toFixed(3)}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ${attributes}>\n${suites.join("\n")}\n</testsuites>\n`;
}
