// The contract suite against the emulator: clean, it passes with every operation and every journey
// step run, stateful ones included; with each kind of drift switched on, it fails and says what
// drifted. This is the proof that the suite catches each way a live API can depart from the spec.
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../contract-tests/config.ts";
import { formatViolation } from "../../contract-tests/response-validator.ts";
import { runSuite } from "../../contract-tests/suite.ts";
import { DRIFT_KINDS, type DriftKind } from "../../emulator/index.ts";
import { loadBundle, operations } from "../../scripts/lib/openapi.ts";

/** The violation each drift must produce, in the words the suite reports it. */
const SIGNATURE: Record<DriftKind, RegExp> = {
  "drop-required-field": /\/id: expected a required property, got nothing/,
  "change-field-type": /: expected type (boolean|string), got (string|array) /,
  "rename-field": /\/body\/requestId: expected no such property/,
  "undocumented-status": /\/status: expected one of [\d, ]+, got \d+/,
  "wrong-content-type": /\/headers\/content-type: expected one of application\/json, got text\/plain/,
  "drop-request-id": /\/body\/request_id: expected a request_id, got nothing/,
  "drop-retry-after": /429 \/headers\/retry-after: expected the header/,
  "wrong-error-envelope": /\/body\/error: expected a required property, got nothing/,
  "wrong-id-prefix": /\/id: expected pattern: must match pattern "\^[a-z]+_.*got string "id_/,
  "null-in-non-nullable": /: expected type (boolean|string), got null$/,
  "extra-property": /\/body\/object: expected no such property \(additionalProperties: false\)/,
  "drop-location": /302 \/headers\/location: expected the header/,
  "undocumented-error-code": /\/body\/error\/code: expected one of .*, got string "\w+_error"/,
};

const operationCount = operations(loadBundle()).length;
// Retries after a 429 wait for nothing here: no test waits on the clock.
const noWait = async () => {};
const run = (drift: string[]) =>
  runSuite({ config: resolveConfig(["--target", "emulator", ...drift.flatMap((kind) => ["--drift", kind])], {}), sleep: noWait });
const violations = (result: Awaited<ReturnType<typeof run>>) => result.results.flatMap((r) => r.violations.map(formatViolation));

describe("the contract suite against the clean emulator", () => {
  it("passes, with every operation and every journey step exercised", async () => {
    const result = await run([]);
    expect(violations(result)).toEqual([]);
    expect(result.coverage.operations).toMatchObject({ exercised: operationCount, total: operationCount, missing: [] });
    expect(result.results.filter((r) => r.outcome === "skipped").map((r) => `${r.name}: ${r.reason}`)).toEqual([]);
    expect(result.results.filter((r) => r.scenario === "workflows").length).toBeGreaterThan(0);
  });
});

describe.each(DRIFT_KINDS)("the contract suite against the emulator with drift %s", (kind) => {
  it("fails, and names the drift", async () => {
    const found = violations(await run([kind]));
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((violation) => SIGNATURE[kind].test(violation))).not.toEqual([]);
  });
});
