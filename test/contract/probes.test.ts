// The probes of the claims ledger go both ways: the clean emulator, which takes the spec's reading
// of every claim, confirms each probe-able claim; the emulator setting or drift kind that takes the
// other reading refutes it.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../contract-tests/config.ts";
import { createHttpClient } from "../../contract-tests/http-client.ts";
import { PROBES, type Flip } from "../../contract-tests/probes/checks.ts";
import { probeFor, runProbes, type ProbeResult } from "../../contract-tests/probes/run.ts";
import { writeReports } from "../../contract-tests/report/write.ts";
import { negativeCases } from "../../contract-tests/cases/negatives.ts";
import { runSuite, type SuiteRun } from "../../contract-tests/suite.ts";
import { startEmulator, type DriftKind } from "../../emulator/index.ts";
import { isProbeable, ledgerEntries, NEGATIVE_CASE } from "../../spec/ledger.ts";
import { loadBundle, type JsonObject, type OpenApiDocument } from "../../spec/openapi.ts";
import { CONTACT, KEY, SUPPORT, configWith } from "../emulator/harness.ts";

const spec = loadBundle();
const entries = ledgerEntries(spec);
// Claims settled by a negative case are proven below, with a claim made for the purpose.
const probeable = entries.filter(({ claim }) => isProbeable(claim) && claim.probe.check !== NEGATIVE_CASE);
const checks = [...new Set(probeable.map(({ claim }) => (isProbeable(claim) ? claim.probe.check : "")))];
const noWait = async () => {};

async function probeEmulator(flip: Flip = {}, writesAllowed = true): Promise<ProbeResult[]> {
  const emulator = await startEmulator({
    port: 0,
    drift: (flip.drift ?? []) as DriftKind[],
    config: configWith((config) => void (config.readings = { ...config.readings, ...flip.readings })),
  });
  try {
    const client = createHttpClient({ baseUrl: emulator.url, readOnly: !writesAllowed, maxRequests: 500, sleep: noWait });
    return await runProbes(spec, { client, apiKey: KEY, from: SUPPORT, to: CONTACT }, { writesAllowed, simulation: true });
  } finally {
    await emulator.close();
  }
}

const outcomes = (results: ProbeResult[], check?: string) =>
  Object.fromEntries(
    results
      .filter(({ claim }) => isProbeable(claim) && (check === undefined || claim.probe.check === check))
      .map(({ claim, verdict }) => [claim.id, verdict.outcome]),
  );

describe("the ledger's probes", () => {
  it("exist for every claim that names one", () => {
    expect(probeable.length).toBeGreaterThan(0);
    for (const { claim } of probeable) expect(probeFor(claim)).toBeDefined();
    expect(() => probeFor({ ...probeable[0]!.claim, probe: { check: "no-such-probe", how: "-" } })).toThrow(/no-such-probe/);
  });

  it("confirm every probe-able claim on the clean emulator", async () => {
    const results = await probeEmulator();
    expect(outcomes(results)).toEqual(Object.fromEntries(probeable.map(({ claim }) => [claim.id, "confirmed"])));
    expect(results.filter(({ claim }) => !isProbeable(claim)).every(({ verdict }) => verdict.outcome === "not-probed")).toBe(true);
  });

  it.each(checks)("%s refutes its claims when the emulator takes the other reading", async (check) => {
    const results = await probeEmulator(PROBES[check]!.flip);
    const mine = outcomes(results, check);
    expect(Object.keys(mine).length).toBeGreaterThan(0);
    expect(Object.values(mine).every((outcome) => outcome === "refuted")).toBe(true);
    const refuted = results.find(({ claim, verdict }) => isProbeable(claim) && claim.probe.check === check && verdict.outcome === "refuted")!;
    expect(refuted.verdict.outcome === "refuted" && refuted.verdict.observed).toMatch(/^(GET|POST) \/v1\/\S+.* → \d{3} /);
  });

  it("leave the writing probes unsent without the write opt-in, saying why, and still run the reads", async () => {
    // As against live: reads only, and the emulator's setup calls (POSTs) are refused too.
    const results = await probeEmulator({}, false);
    for (const { claim, verdict } of results.filter(({ claim }) => isProbeable(claim))) {
      const probe = PROBES[isProbeable(claim) ? claim.probe.check : ""]!;
      if (probe.writes) expect(verdict).toEqual({ outcome: "not-probed", reason: expect.stringContaining("CONTRACT_ALLOW_WRITES=1") });
      else if (!probe.emulatorSetup) expect(verdict.outcome).toBe("confirmed");
      else expect(verdict.outcome).toBe("not-probed");
    }
  });
});

describe("npm run contract -- --probe", () => {
  const reportsDir = mkdtemp(join(tmpdir(), "probe-reports-"));
  afterAll(async () => rm(await reportsDir, { recursive: true, force: true }));

  it("writes probes.md with a verdict on every claim of the ledger", async () => {
    const config = resolveConfig(["--target", "emulator", "--probe"], { CONTRACT_REPORTS_DIR: await reportsDir });
    const run = await runSuite({ config, spec, sleep: noWait });
    const reports = await writeReports(config.reportsDir, spec, run, [config.apiKey]);
    const report = await readFile(reports.files.probes!, "utf8");
    expect(report).toContain(`${entries.length} claims: ${probeable.length} confirmed, 0 refuted, ${entries.length - probeable.length} not probed.`);
    for (const { claim } of entries) expect(report).toContain(`\`${claim.id}\``);
  });

  it("is off unless asked for", () => {
    expect(resolveConfig(["--target", "emulator"], {}).probe).toBe(false);
  });
});

describe("a negative case resting on an unconfirmed constraint", () => {
  /** The bundle with a claim about the page size's maximum, which the spec sets at `maximum`. */
  function specWithLimitClaim(maximum: number): OpenApiDocument {
    const copy = structuredClone(spec);
    const limit = ((copy.components as JsonObject).parameters as JsonObject).Limit as JsonObject;
    (limit.schema as JsonObject).maximum = maximum;
    limit["x-unconfirmed"] = [
      {
        id: "limit-maximum",
        claim: `the largest page: ${maximum}.`,
        evidence: ["https://github.com/messages-dev/cli/blob/8acdd1a4baf3b4bd39dfab7276f48be742820bb5/src/help.ts"],
        probe: { check: "negative-case", constraint: "maximum", how: "Read-only: ask for one more than the largest page." },
      },
    ];
    return copy;
  }

  const limitCases = (run: SuiteRun) => run.results.filter((result) => result.name.includes('"limit" above its maximum'));
  const verdictOf = (run: SuiteRun) => run.probes?.find(({ claim }) => claim.id === "limit-maximum")?.verdict;

  /** The emulator refuses a `limit` above its largest page (100), as an API with that maximum would. */
  async function runAgainstEmulator(target: "live" | "emulator", suiteSpec: OpenApiDocument): Promise<SuiteRun> {
    const emulator = await startEmulator({ port: 0, config: configWith((config) => void (config.readings = { ...config.readings, page_limit: "refused" })) });
    try {
      const env = { MESSAGES_API_KEY: KEY, CONTRACT_BASE_URL: emulator.url };
      return await runSuite({ config: resolveConfig(["--target", target, "--probe"], env), spec: suiteSpec, workflows: [], sleep: noWait });
    } finally {
      await emulator.close();
    }
  }

  it("is tied to the claim only for the constraint the claim is about", () => {
    const cases = negativeCases(specWithLimitClaim(100)).filter((negative) => negative.claims.length > 0);
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.every((negative) => negative.name.includes('"limit" above its maximum'))).toBe(true);
  });

  it("confirms the claim against live when the API refuses as the spec says", async () => {
    const run = await runAgainstEmulator("live", specWithLimitClaim(100));
    expect(verdictOf(run)?.outcome).toBe("confirmed");
    expect(limitCases(run).every((result) => result.outcome === "passed")).toBe(true);
  });

  it("refutes the claim against live when the API accepts more, and the run does not fail for it", async () => {
    // The suite's spec says 50; the emulator, like an API that takes more, accepts up to 100.
    const run = await runAgainstEmulator("live", specWithLimitClaim(50));
    const verdict = verdictOf(run);
    expect(verdict).toMatchObject({ outcome: "refuted", observed: expect.stringContaining("above its maximum 50 → ") });
    // Whatever it answered, it was not the refusal of `limit` the spec promises.
    expect(verdict?.outcome === "refuted" && verdict.observed).not.toContain('"param":"limit"');
    expect(limitCases(run).length).toBeGreaterThan(0);
    expect(limitCases(run).every((result) => result.outcome === "passed")).toBe(true);
  });

  it("stays a check, which fails, on the emulator", async () => {
    const run = await runAgainstEmulator("emulator", specWithLimitClaim(50));
    expect(limitCases(run).some((result) => result.outcome === "failed")).toBe(true);
  });
});
