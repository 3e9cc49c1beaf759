// The run as JUnit XML, one test suite per scenario, for CI dashboards.
import { formatViolation } from "../response-validator.ts";
import type { CheckResult, Scenario } from "../results.ts";

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);

export function toJunit(title: string, results: readonly CheckResult[], seconds: number): string {
  const count = (list: readonly CheckResult[], outcome: CheckResult["outcome"]) => list.filter((r) => r.outcome === outcome).length;
  const scenarios = [...new Set(results.map((r) => r.scenario))] as Scenario[];
  const suites = scenarios.map((scenario) => {
    const cases = results.filter((r) => r.scenario === scenario);
    const body = cases.map((result) => {
      const open = `    <testcase classname="${escapeXml(result.operationId)}" name="${escapeXml(result.name)}"`;
      if (result.outcome === "passed") return `${open}/>`;
      const inner =
        result.outcome === "skipped"
          ? `<skipped message="${escapeXml(result.reason ?? "")}"/>`
          : `<failure message="${result.violations.length} violation(s)">${escapeXml(result.violations.map(formatViolation).join("\n"))}</failure>`;
      return `${open}>\n      ${inner}\n    </testcase>`;
    });
    const attributes = `name="${scenario}" tests="${cases.length}" failures="${count(cases, "failed")}" skipped="${count(cases, "skipped")}"`;
    return `  <testsuite ${attributes}>\n${body.join("\n")}\n  </testsuite>`;
  });
  const attributes = `name="${escapeXml(title)}" tests="${results.length}" failures="${count(results, "failed")}" skipped="${count(results, "skipped")}" time="${seconds.toFixed(3)}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ${attributes}>\n${suites.join("\n")}\n</testsuites>\n`;
}
