// How much of the spec a run touched: operations with at least one check that ran, and the
// documented (operation, status) pairs that were actually observed.
import { isObject, operations, type OpenApiDocument } from "../../spec/openapi.ts";
import type { CheckResult } from "../results.ts";

export interface Coverage {
  operations: { exercised: number; total: number; missing: string[] };
  statuses: { observed: number; documented: number };
}

export function coverageOf(spec: OpenApiDocument, results: readonly CheckResult[]): Coverage {
  const ran = results.filter((result) => result.outcome !== "skipped");
  const documented = operations(spec).flatMap(({ operationId, node }) =>
    Object.keys(isObject(node.responses) ? node.responses : {}).map((status) => ({ operationId, status })),
  );
  const observed = documented.filter(({ operationId, status }) =>
    ran.some((result) => result.operationId === operationId && result.status !== undefined && statusMatches(status, result.status)),
  );
  const ids = operations(spec).map((operation) => operation.operationId);
  const missing = ids.filter((id) => !ran.some((result) => result.operationId === id));
  return {
    operations: { exercised: ids.length - missing.length, total: ids.length, missing },
    statuses: { observed: observed.length, documented: documented.length },
  };
}

export function coverageLine({ operations, statuses }: Coverage): string {
  return `Coverage: ${operations.exercised}/${operations.total} operations exercised, ${statuses.observed}/${statuses.documented} documented statuses observed`;
}

function statusMatches(documented: string, observed: number): boolean {
  return documented === String(observed) || documented === `${String(observed)[0]}XX`;
}
