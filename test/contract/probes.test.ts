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
import { runSuite } from "../../contract-tests/suite.ts";
import { startEmulator, type DriftKind } from "../../emulator/index.ts";
import { isProbeable, ledgerEntries } from "../../scripts/lib/ledger.ts";
import { loadBundle } from "../../scripts/lib/openapi.ts";
import { CONTACT, KEY, SUPPORT, configWith } from "../emulator/harness.ts";

const spec = loadBundle();
const entries = ledgerEntries(spec);
const probeable = entries.filter(({ claim }) => isProbeable(claim));
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
