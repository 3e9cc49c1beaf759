// The contract suite against the emulator: clean, it passes with every operation and every journey
// step run, stateful ones included; with each kind of drift switched on, it fails and says what
// drifted. This is the proof that the suite catches each way a live API can depart from the spec.
// An undocumented field is the spec behind the API: reported, failing only under --strict. And the
// sparse emulator, which leaves out every optional field, passes: the spec allows that shape.
import { beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../contract-tests/config.ts";
import { formatViolation } from "../../spec/conformance.ts";
import { failsRun, specBehindOf } from "../../contract-tests/results.ts";
import { runSuite } from "../../contract-tests/suite.ts";
import { DRIFT_KINDS, isConformantDrift, type DriftKind } from "../../emulator/index.ts";
import { coverageGaps, coverageOf, coverageSections, documentedResponses, loadAllowList } from "../../contract-tests/report/coverage.ts";
import { loadBundle, operations, type JsonObject } from "../../spec/openapi.ts";

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

describe("coverage against the emulator", () => {
  const spec = loadBundle();
  const documented = documentedResponses(spec);
  const codeCount = documented.reduce((sum, response) => sum + response.codes.length, 0);
  let clean: Run;
  beforeAll(async () => {
    clean = await run([]);
  });

  it("observes every documented status and error code of every operation, counted from the bundle, less the allow-list", () => {
    const allowed = loadAllowList();
    expect(clean.coverage.statuses.documented).toBe(documented.length);
    expect(clean.coverage.codes.documented).toBe(codeCount);
    expect(coverageGaps(clean.coverage)).toEqual({ unlisted: [], stale: [] });
    expect(clean.coverage.uncovered).toHaveLength(allowed.length);
    expect(clean.coverage.uncovered.every((item) => item.allowed && item.reason.length > 0)).toBe(true);
  });

  it("falls short, naming the response, when a case that provokes it is gone", () => {
    const withoutCase = clean.results.filter((r) => r.name !== "sendReaction: 403 sandbox_not_activated");
    const { unlisted } = coverageGaps(coverageOf(spec, withoutCase, loadAllowList()));
    expect(unlisted).toEqual([{ operationId: "sendReaction", status: "403", code: "sandbox_not_activated", reason: "no check of this run provokes it", allowed: false }]);
  });

  it("falls short when the spec documents a response no case provokes, unless the allow-list excuses it; a needless entry is stale", () => {
    const scratch = structuredClone(spec);
    const teapot = { description: "A scratch status", content: { "application/json": { examples: { brewing: { value: { error: { code: "brewing" } } } } } } };
    ((scratch.paths as JsonObject)["/v1/lines"] as { get: { responses: JsonObject } }).get.responses["418"] = teapot;
    const item = { operationId: "listLines", status: "418", code: "brewing" };
    expect(coverageGaps(coverageOf(scratch, clean.results)).unlisted).toEqual([{ ...item, reason: "no check of this run provokes it", allowed: false }]);
    const excused = coverageOf(scratch, clean.results, [{ ...item, reason: "a scratch status" }]);
    expect(coverageGaps(excused)).toEqual({ unlisted: [], stale: [] });
    expect(coverageSections(excused).join("\n")).toContain("- `listLines` 418 brewing: a scratch status");
    expect(coverageGaps(coverageOf(spec, clean.results, [{ ...item, reason: "needless" }])).stale).toEqual([{ ...item, reason: "needless" }]);
  });
});
