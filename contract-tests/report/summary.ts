// The run for people: per operation how many checks ran, passed, failed and were skipped, then
// every violation, every "spec behind the API" finding, and every skip with its reason.
import { operations, type OpenApiDocument } from "../../spec/openapi.ts";
import { formatViolation } from "../../spec/conformance.ts";
import { specBehindOf, type CheckResult } from "../results.ts";
import { coverageLine, coverageSections, type Coverage } from "./coverage.ts";

export interface RunFacts {
  target: string;
  baseUrl: string;
  seconds: number;
  requests: number;
  coverage: Coverage;
}

export function toSummary(spec: OpenApiDocument, results: readonly CheckResult[], facts: RunFacts, strict = false): string {
  const tally = (list: readonly CheckResult[], outcome: CheckResult["outcome"]) => list.filter((r) => r.outcome === outcome).length;
  const codes = new Map(facts.coverage.codes.byOperation.map((tally) => [tally.operationId, tally]));
  const rows = operations(spec).map(({ operationId }) => {
    const mine = results.filter((r) => r.operationId === operationId);
    const [passed, failed, skippedCount] = [tally(mine, "passed"), tally(mine, "failed"), tally(mine, "skipped")];
    const code = codes.get(operationId);
    return `| \`${operationId}\` | ${passed + failed} | ${passed} | ${failed} | ${skippedCount} | ${code?.observed ?? 0}/${code?.documented ?? 0} |`;
  });
  const failures = results
    .filter((r) => r.outcome === "failed")
    .map((r) => [`- ${r.scenario}: ${r.name}`, ...r.violations.map((v) => `  - ${formatViolation(v)}`)].join("\n"));
  const skips = results.filter((r) => r.outcome === "skipped").map((r) => `- ${r.scenario}: ${r.name} — ${r.reason}`);
  const behind = results
    .filter((r) => (r.specBehind ?? []).length > 0)
    .map((r) => [`- ${r.scenario}: ${r.name}`, ...(r.specBehind ?? []).map((v) => `  - ${formatViolation(v)}`)].join("\n"));
  const notes = [...new Set(results.flatMap((r) => r.notes ?? []))].map((note) => `- ${note}`);
  const [passed, failed, skippedTotal] = [tally(results, "passed"), tally(results, "failed"), tally(results, "skipped")];
  return [
    `# Contract run against ${facts.target} (${facts.baseUrl})`,
    "",
    `${results.length} checks: ${passed} passed, ${failed} failed, ${skippedTotal} skipped; ${facts.requests} requests in ${facts.seconds.toFixed(1)} s.`,
    "",
    `${coverageLine(facts.coverage)}.`,
    "",
    specBehindLine(specBehindOf(results).length, strict),
    ...(facts.coverage.operations.missing.length > 0 ? ["", `Not exercised: ${facts.coverage.operations.missing.join(", ")}.`] : []),
    "",
    "| operation | checked | passed | failed | skipped | error codes observed |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
    ...coverageSections(facts.coverage),
    ...(failures.length > 0 ? ["", "## Failures", "", ...failures] : []),
    ...(behind.length > 0 ? ["", "## Spec behind the API", "", SPEC_BEHIND_MEANS, "", ...behind] : []),
    ...(skips.length > 0 ? ["", "## Skipped", "", ...skips] : []),
    ...(notes.length > 0 ? ["", "## Not checked on this target", "", ...notes] : []),
    "",
  ].join("\n");
}

const SPEC_BEHIND_MEANS =
  "The target sent fields the spec does not document. Response objects are open, so these are no violations: document them in the spec.";

/** Always shown, so a clean run says so too. */
function specBehindLine(count: number, strict: boolean): string {
  const verdict = count === 0 ? "none" : strict ? "fails the run (--strict)" : "not a failure without --strict";
  return `Spec behind the API: ${count} undocumented response field(s); ${verdict}.`;
}
