// Runs the probe of every claim in the ledger that names one, and says for each claim of the ledger
// whether the target confirmed it, refuted it, or why it was not probed.
import { isProbeable, ledgerEntries, NEGATIVE_CASE, type Claim } from "../../spec/ledger.ts";
import type { OpenApiDocument } from "../../spec/openapi.ts";
import { RequestRefused } from "../http-client.ts";
import { PROBES, type Probe, type ProbeContext, type Verdict } from "./checks.ts";

export interface ProbeResult {
  claim: Claim;
  /** JSON pointer of the node that carries the claim. */
  pointer: string;
  verdict: Verdict;
}

export interface ProbeRunOptions {
  /** False against live without CONTRACT_ALLOW_WRITES=1. */
  writesAllowed: boolean;
  /** The target has the emulator's simulation endpoints, so a probe's setup can run. */
  simulation: boolean;
  /** Verdicts of the claims the suite's negative cases probed (against live), by claim id. */
  negativeVerdicts?: ReadonlyMap<string, Verdict>;
}

const NO_NEGATIVE_CASE =
  "settled by the suite's negative cases against live only (elsewhere they check the spec's reading), and none ran here";

const WRITES_OFF = "it writes, and writes are off: set CONTRACT_ALLOW_WRITES=1 with CONTRACT_FROM and CONTRACT_TO to run it";

/** The probe a ledger claim names; a name with no probe is a mistake in the spec. */
export function probeFor(claim: Claim): Probe | undefined {
  if (!isProbeable(claim) || claim.probe.check === NEGATIVE_CASE) return undefined;
  const probe = PROBES[claim.probe.check];
  if (!probe) throw new Error(`Claim ${claim.id} names probe "${claim.probe.check}", which contract-tests/probes/checks.ts does not have`);
  return probe;
}

async function runOne(probe: Probe, context: ProbeContext, options: ProbeRunOptions): Promise<Verdict> {
  if (probe.writes && !options.writesAllowed) return { outcome: "not-probed", reason: WRITES_OFF };
  try {
    if (options.simulation) {
      for (const call of probe.emulatorSetup?.(context) ?? []) {
        const setup = { method: "POST" as const, path: call.path, headers: { "content-type": "application/json" }, body: JSON.stringify(call.payload) };
        await context.client.send(setup, `probe setup ${call.path}`);
      }
    }
    return await probe.run(context);
  } catch (error) {
    if (error instanceof RequestRefused) return { outcome: "not-probed", reason: error.message };
    throw error;
  }
}

export async function runProbes(spec: OpenApiDocument, context: ProbeContext, options: ProbeRunOptions): Promise<ProbeResult[]> {
  // Claims that share a probe share its one run.
  const verdicts = new Map<Probe, Verdict>();
  const results: ProbeResult[] = [];
  for (const { claim, pointer } of ledgerEntries(spec)) {
    if (isProbeable(claim) && claim.probe.check === NEGATIVE_CASE) {
      results.push({ claim, pointer, verdict: options.negativeVerdicts?.get(claim.id) ?? { outcome: "not-probed", reason: NO_NEGATIVE_CASE } });
      continue;
    }
    const probe = probeFor(claim);
    if (!probe) {
      results.push({ claim, pointer, verdict: { outcome: "not-probed", reason: "none" in claim.probe ? claim.probe.none : "" } });
      continue;
    }
    if (!verdicts.has(probe)) verdicts.set(probe, await runOne(probe, context, options));
    results.push({ claim, pointer, verdict: verdicts.get(probe)! });
  }
  return results;
}
