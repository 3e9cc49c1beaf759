// What one run found: a result per check (one request and what was expected of its answer).
import { isObject, parseJson } from "../spec/openapi.ts";
import { isSpecBehind, type Violation } from "../spec/conformance.ts";

export type Scenario = "examples" | "workflows" | "negatives" | "provocations" | "cleanup";

export interface CheckResult {
  scenario: Scenario;
  /** What the check does, in words: `sendMessage example "reply"`. */
  name: string;
  operationId: string;
  outcome: "passed" | "failed" | "skipped";
  /** Why the check was skipped. */
  reason?: string;
  /** The status the target answered with. */
  status?: number;
  /** The error code of the answer's envelope, when it had one. */
  code?: string;
  /** The documented response the check sets out to provoke, so a skip can say why it went unobserved. */
  aim?: { status: number; code?: string };
  violations: Violation[];
  /** "Spec behind the API": fields the target sent that the spec does not document. Not violations. */
  specBehind?: Violation[];
  /** What was deliberately not checked on this target, and why. */
  notes?: string[];
}

/**
 * Turns what a check observed into its result: failed when anything was violated. Undocumented
 * fields are kept apart, as "spec behind the API", and fail nothing here (see `failsRun`).
 */
export function checked(
  base: Pick<CheckResult, "scenario" | "name" | "operationId" | "aim">,
  status: number,
  findings: Violation[],
  notes: string[] = [],
  code?: string,
): CheckResult {
  const violations = findings.filter((finding) => !isSpecBehind(finding));
  const specBehind = findings.filter(isSpecBehind);
  return {
    ...base,
    outcome: violations.length > 0 ? "failed" : "passed",
    status,
    ...(code !== undefined && { code }),
    violations,
    ...(specBehind.length > 0 && { specBehind }),
    ...(notes.length > 0 && { notes }),
  };
}

/** Every "spec behind the API" finding of a run. */
export const specBehindOf = (results: readonly CheckResult[]): Violation[] => results.flatMap((result) => result.specBehind ?? []);

/** A run fails on a violation; with `strict`, on a "spec behind the API" finding too. */
export const failsRun = (results: readonly CheckResult[], strict: boolean): boolean =>
  results.some((result) => result.outcome === "failed") || (strict && specBehindOf(results).length > 0);

export function skipped(base: Pick<CheckResult, "scenario" | "name" | "operationId" | "aim">, reason: string): CheckResult {
  return { ...base, outcome: "skipped", reason, violations: [] };
}

/** The error code an answer's envelope carries, if it is one. */
export function errorCodeOf(text: string): string | undefined {
  const body = parseJson(text);
  return isObject(body) && isObject(body.error) && typeof body.error.code === "string" ? body.error.code : undefined;
}
