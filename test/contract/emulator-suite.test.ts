// The contract suite against the emulator: clean, it passes with every operation and every journey
// step run, stateful ones included; with each kind of drift switched on, it fails and says what
// drifted. This is the proof that the suite catches each way a live API can depart from the spec.
// An undocumented field is the spec behind the API: reported, failing only under --strict. And the
// sparse emulator, which leaves out every optional field, passes: the spec allows that shape.
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../contract-tests/config.ts";
import { formatViolation } from "../../spec/conformance.ts";
import { failsRun, specBehindOf } from "../../contract-tests/results.ts";
import { runSuite } from "../../contract-tests/suite.ts";
import { DRIFT_KINDS, isConformantDrift, type DriftKind } from "../../emulator/index.ts";
import { loadBundle, operations } from "../../spec/openapi.ts";

const OPERATION_COUNT = operations(loadBundle()).length;

/** What each drift must produce, in the words the suite reports it: a violation, or (extra-property) a "spec behind the API" finding. */
const SIGNATURE: Record<Exclude<DriftKind, "sparse">, RegExp> = {
  "drop-required-field": /\/id: expected a required property, got nothing/,
  "change-field-type": /: expected type (boolean|string), got (string|array) /,
  "rename-field": /\/body\/request_id: expected a request_id, got nothing/,
  "undocumented-status": /\/status: expected one of [\d, ]+, got \d+/,
  "wrong-content-type": /\/headers\/content-type: expected one of application\/json, got text\/plain/,
  "drop-request-id": /\/body\/request_id: expected a request_id, got nothing/,
  "drop-retry-after": /429 \/headers\/retry-after: expected the header/,
  "wrong-error-envelope": /\/body\/error: expected a required property, got nothing/,
  "wrong-id-prefix": /\/id: expected pattern: must match pattern "\^[a-z]+_.*got string "id_/,
  "null-in-non-nullable": /: expected type (boolean|string), got null$/,
  "extra-property": /\/body\/object: expected only the fields the spec documents, got string/,
  "drop-location": /302 \/headers\/location: expected the header/,
  "undocumented-error-code": /\/body\/error\/code: expected one of .*, got string "\w+_error"/,
};

// Retries after a 429 wait for nothing here: no test waits on the clock.
const noWait = async () => {};
const run = (drift: string[]) =>
  runSuite({ config: resolveConfig(["--target", "emulator", ...drift.flatMap((kind) => ["--drift", kind])], {}), sleep: noWait });
type Run = Awaited<ReturnType<typeof run>>;
const violations = (result: Run) => result.results.flatMap((r) => r.violations.map(formatViolation));
const behind = (result: Run) => specBehindOf(result.results).map(formatViolation);

describe("the contract suite against the clean emulator", () => {
  it("passes, with every operation and every journey step exercised", async () => {
    const result = await run([]);
    expect(violations(result)).toEqual([]);
    expect(behind(result)).toEqual([]);
    expect(result.coverage.operations).toMatchObject({ exercised: OPERATION_COUNT, total: OPERATION_COUNT, missing: [] });
    expect(result.results.filter((r) => r.outcome === "skipped").map((r) => `${r.name}: ${r.reason}`)).toEqual([]);
    expect(result.results.filter((r) => r.scenario === "workflows").length).toBeGreaterThan(0);
  });
});

const VIOLATING = DRIFT_KINDS.filter((kind): kind is keyof typeof SIGNATURE => !isConformantDrift(kind) && kind !== "extra-property");

describe.each(VIOLATING)("the contract suite against the emulator with drift %s", (kind) => {
  it("fails, and names the drift", async () => {
    const result = await run([kind]);
    const found = violations(result);
    expect(found.filter((violation) => SIGNATURE[kind].test(violation))).not.toEqual([]);
    expect(failsRun(result.results, false)).toBe(true);
  });
});

describe("the contract suite against an emulator that sends an undocumented field (extra-property)", () => {
  it("reports the spec behind the API, which fails the run only with --strict", async () => {
    const result = await run(["extra-property"]);
    expect(violations(result)).toEqual([]);
    expect(behind(result).filter((finding) => SIGNATURE["extra-property"].test(finding))).not.toEqual([]);
    expect(failsRun(result.results, false)).toBe(false);
    expect(failsRun(result.results, true)).toBe(true);
  });
});

describe("the contract suite against the sparse emulator", () => {
  it("passes: every operation answers without its optional fields, which the spec allows", async () => {
    const result = await run(["sparse"]);
    expect(violations(result)).toEqual([]);
    expect(behind(result)).toEqual([]);
    expect(result.coverage.operations).toMatchObject({ exercised: OPERATION_COUNT, missing: [] });
  });
});
