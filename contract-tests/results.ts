// What one run found: a result per check (one request and what was expected of its answer).
import type { Violation } from "./response-validator.ts";

export type Scenario = "examples" | "workflows" | "negatives" | "cleanup";

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
  violations: Violation[];
  /** What was deliberately not checked on this target, and why. */
  notes?: string[];
}

/** Turns what a check observed into its result: failed when anything was violated. */
export function checked(
  base: Pick<CheckResult, "scenario" | "name" | "operationId">,
  status: number,
  violations: Violation[],
  notes: string[] = [],
): CheckResult {
  return { ...base, outcome: violations.length > 0 ? "failed" : "passed", status, violations, ...(notes.length > 0 && { notes }) };
}

export function skipped(base: Pick<CheckResult, "scenario" | "name" | "operationId">, reason: string): CheckResult {
  return { ...base, outcome: "skipped", reason, violations: [] };
}
