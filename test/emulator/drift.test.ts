// Each drift kind makes one kind of response break the spec, as the bundle's schemas (and the
// documented statuses and headers) judge it; the clean emulator's same response conforms.
import { describe, expect, it } from "vitest";
import { DRIFT_KINDS, isConformantDrift, startEmulator, type DriftKind } from "../../emulator/index.ts";
import { bundle, conformanceProblems } from "./conformance.ts";
import { TestEmulator, configWith, type Answer } from "./harness.ts";

interface Probe {
  method: string;
  path: string;
  answer: Answer;
}

const lines = async (emulator: TestEmulator): Promise<Probe> => ({ method: "GET", path: "/v1/lines", answer: await emulator.call("GET", "/v1/lines") });
const unauthenticated = async (emulator: TestEmulator): Promise<Probe> => ({
  method: "GET", path: "/v1/lines", answer: await emulator.call("GET", "/v1/lines", { key: null }),
});
const upload = (emulator: TestEmulator) => emulator.call("POST", "/v1/files", { raw: "hello", headers: { "content-type": "text/plain" } });

/** For each kind, a request whose response the drift affects. */
const PROBES: Record<DriftKind, (emulator: TestEmulator) => Promise<Probe>> = {
  "drop-required-field": lines,
  "change-field-type": lines,
  "rename-field": lines,
  "undocumented-status": lines,
  "wrong-content-type": lines,
  "drop-request-id": unauthenticated,
  "drop-retry-after": async (emulator) => {
    await emulator.call("GET", "/v1/lines");
    return lines(emulator);
  },
  "wrong-error-envelope": unauthenticated,
  "wrong-id-prefix": async (emulator) => ({ method: "POST", path: "/v1/files", answer: await upload(emulator) }),
  "null-in-non-nullable": lines,
  "extra-property": lines,
  sparse: lines,
  "drop-location": async (emulator) => {
    const { body } = await upload(emulator);
    return { method: "GET", path: "/v1/files", answer: await emulator.call("GET", "/v1/files", { query: { id: body.id } }) };
  },
  "undocumented-error-code": unauthenticated,
};

/** One request an hour, so the second request of a probe meets the rate limit. */
const config = configWith((c) => void (c.rate_limit = { requests_per_hour: 1 }));

async function probe(kind: DriftKind, drift: DriftKind[]): Promise<string[]> {
  const emulator = await TestEmulator.start({ config: kind === "drop-retry-after" ? config : undefined, drift });
  try {
    const { method, path, answer } = await PROBES[kind](emulator);
    return conformanceProblems(method, path, answer);
  } finally {
    await emulator.close();
  }
}

describe("drift injection", () => {
  it("offers at least the eleven kinds the contract suite must catch", () => {
    expect(DRIFT_KINDS.length).toBeGreaterThanOrEqual(11);
    expect(DRIFT_KINDS).toEqual(expect.arrayContaining([
      "drop-required-field", "change-field-type", "rename-field", "undocumented-status", "wrong-content-type",
      "drop-request-id", "drop-retry-after", "wrong-error-envelope", "wrong-id-prefix", "null-in-non-nullable", "extra-property",
    ]));
  });

  it.each(DRIFT_KINDS)("%s: the clean emulator's response conforms to the spec", async (kind) => {
    expect(await probe(kind, [])).toEqual([]);
  });

  it.each(DRIFT_KINDS.filter((kind) => !isConformantDrift(kind)))("%s: with the drift on, the same response breaks the spec", async (kind) => {
    expect(await probe(kind, [kind])).not.toEqual([]);
  });

  it("sparse: with the drift on, the answer still conforms, with the optional fields left out", async () => {
    expect(isConformantDrift("sparse")).toBe(true);
    expect(await probe("sparse", ["sparse"])).toEqual([]);
    const emulator = await TestEmulator.start({ sparse: true });
    try {
      const { body } = await emulator.api("GET", "/v1/lines");
      const line = body.data[0];
      expect(line).not.toHaveProperty("label");
      const schemas = (bundle.components as { schemas: Record<string, { required: string[] }> }).schemas;
      expect(Object.keys(line).sort()).toEqual([...schemas.Line!.required].sort());
    } finally {
      await emulator.close();
    }
  });

  it("refuses an unknown drift kind", async () => {
    await expect(startEmulator({ port: 0, drift: ["no-such-drift" as DriftKind] })).rejects.toThrow(/Unknown drift kind/);
  });
});
