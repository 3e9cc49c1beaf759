// How much of the spec a run touched: operations with at least one check that ran, the documented
// (operation, status) pairs observed, and the documented (operation, status, error code) triples
// observed, each error code being a named example of the status. What was not observed is listed
// with its reason: the allow-list's, the reason a check aimed at it was skipped, or none aimed at it.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { operations, responses, type OpenApiDocument } from "../../spec/openapi.ts";
import { errorExamples } from "../../spec/errors.ts";
import type { CheckResult } from "../results.ts";

/** A documented response: an operation's status, and for an error status one of its error codes. */
export interface Documented {
  operationId: string;
  status: string;
  code?: string;
}

export interface AllowListEntry extends Documented {
  reason: string;
}

export interface Uncovered extends Documented {
  reason: string;
  /** On the committed allow-list, which lets the emulator run stay below 100%. */
  allowed: boolean;
}

export interface Coverage {
  operations: { exercised: number; total: number; missing: string[] };
  statuses: { observed: number; documented: number };
  codes: { observed: number; documented: number; byOperation: Array<{ operationId: string; observed: number; documented: number }> };
  /** Every documented (operation, status, code) not observed, with why. */
  uncovered: Uncovered[];
  allowList: AllowListEntry[];
}

export const ALLOW_LIST_FILE = fileURLToPath(new URL("../coverage-allowlist.yaml", import.meta.url));

export function loadAllowList(file = ALLOW_LIST_FILE): AllowListEntry[] {
  const document = parseYaml(readFileSync(file, "utf8")) as { entries?: AllowListEntry[] } | null;
  return document?.entries ?? [];
}

/** Every documented status of every operation, with the error codes its named examples carry. */
export function documentedResponses(spec: OpenApiDocument): Array<{ operationId: string; status: string; codes: string[] }> {
  return operations(spec).flatMap((operation) => {
    const errors = errorExamples(spec, operation);
    return responses(spec, operation).map(({ status }) => ({
      operationId: operation.operationId,
      status,
      codes: [...new Set(errors.filter((error) => error.status === status).map((error) => error.code))],
    }));
  });
}

const NOT_AIMED_AT = "no check of this run provokes it";
const sameItem = (a: Documented, b: Documented) => a.operationId === b.operationId && a.status === b.status && a.code === b.code;

export function coverageOf(spec: OpenApiDocument, results: readonly CheckResult[], allowList: AllowListEntry[] = []): Coverage {
  const ran = results.filter((result) => result.outcome !== "skipped");
  const observedStatus = (operationId: string, status: string) =>
    ran.some((result) => result.operationId === operationId && result.status !== undefined && statusMatches(status, result.status));
  const observedCode = (operationId: string, status: string, code: string) =>
    ran.some((result) => result.operationId === operationId && result.status !== undefined && statusMatches(status, result.status) && result.code === code);
  const documented = documentedResponses(spec);
  const uncovered: Uncovered[] = [];
  const byOperation = new Map<string, { observed: number; documented: number }>();
  for (const { operationId, status, codes } of documented) {
    const tally = byOperation.get(operationId) ?? { observed: 0, documented: 0 };
    byOperation.set(operationId, tally);
    const missing = codes.filter((code) => !observedCode(operationId, status, code));
    tally.documented += codes.length;
    tally.observed += codes.length - missing.length;
    const items: Documented[] = codes.length === 0 ? (observedStatus(operationId, status) ? [] : [{ operationId, status }]) : missing.map((code) => ({ operationId, status, code }));
    for (const item of items) uncovered.push(explain(item, results, allowList));
  }
  const ids = operations(spec).map((operation) => operation.operationId);
  const missingOperations = ids.filter((id) => !ran.some((result) => result.operationId === id));
  const codes = [...byOperation.values()];
  return {
    operations: { exercised: ids.length - missingOperations.length, total: ids.length, missing: missingOperations },
    statuses: { observed: documented.filter(({ operationId, status }) => observedStatus(operationId, status)).length, documented: documented.length },
    codes: {
      observed: codes.reduce((sum, tally) => sum + tally.observed, 0),
      documented: codes.reduce((sum, tally) => sum + tally.documented, 0),
      byOperation: [...byOperation].map(([operationId, tally]) => ({ operationId, ...tally })),
    },
    uncovered,
    allowList,
  };
}

function explain(item: Documented, results: readonly CheckResult[], allowList: AllowListEntry[]): Uncovered {
  const allowed = allowList.find((entry) => sameItem(entry, item));
  if (allowed) return { ...item, reason: allowed.reason, allowed: true };
  const aimed = results.find((result) => result.outcome === "skipped" && result.operationId === item.operationId && result.aim !== undefined
    && statusMatches(item.status, result.aim.status) && (item.code === undefined || result.aim.code === item.code));
  return { ...item, reason: aimed?.reason ?? NOT_AIMED_AT, allowed: false };
}

/** What keeps a run below full coverage without the allow-list's leave, and allow-list entries nothing needs. */
export function coverageGaps(coverage: Coverage): { unlisted: Uncovered[]; stale: AllowListEntry[] } {
  return {
    unlisted: coverage.uncovered.filter((item) => !item.allowed),
    stale: coverage.allowList.filter((entry) => !coverage.uncovered.some((item) => sameItem(item, entry))),
  };
}

export function coverageLine({ operations, statuses, codes }: Coverage): string {
  return (
    `Coverage: ${operations.exercised}/${operations.total} operations exercised, ` +
    `${statuses.observed}/${statuses.documented} documented statuses observed, ` +
    `${codes.observed}/${codes.documented} documented error codes observed`
  );
}

/** The uncovered responses as a Markdown table, and the allow-list with its reasons. */
export function coverageSections(coverage: Coverage): string[] {
  const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const table = coverage.uncovered.map(
    (item) => `| \`${item.operationId}\` | ${item.status} | ${item.code ? `\`${item.code}\`` : "—"} | ${item.allowed ? "allow-listed: " : ""}${cell(item.reason)} |`,
  );
  const allowList = coverage.allowList.map((entry) => `- \`${entry.operationId}\` ${entry.status} ${entry.code ?? ""}: ${entry.reason}`);
  return [
    "## Not observed",
    "",
    ...(table.length === 0 ? ["Every documented status and error code was observed."] : ["| operation | status | code | why |", "|---|---|---|---|", ...table]),
    "",
    "## Coverage allow-list",
    "",
    ...(allowList.length === 0 ? ["Empty: nothing is excused from full coverage against the emulator."] : allowList),
  ];
}

function statusMatches(documented: string, observed: number): boolean {
  return documented === String(observed) || documented === `${String(observed)[0]}XX`;
}
