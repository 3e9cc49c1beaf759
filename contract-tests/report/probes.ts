// The probe report: for each claim of the ledger, confirmed, refuted (with the exchange that
// refuted it) or not probed (and why).
import { location } from "../../spec/ledger.ts";
import type { ProbeResult } from "../probes/run.ts";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s+/g, " ");

export function toProbeReport(results: readonly ProbeResult[], target: string): string {
  const count = (outcome: string) => results.filter((result) => result.verdict.outcome === outcome).length;
  const rows = results.map(({ claim, pointer, verdict }) => {
    const detail = verdict.outcome === "not-probed" ? verdict.reason : verdict.observed;
    return `| \`${claim.id}\` | ${location(pointer)} | **${verdict.outcome}** | ${cell(detail)} |`;
  });
  return [
    `# Claims probed against ${target}`,
    "",
    `${results.length} claims: ${count("confirmed")} confirmed, ${count("refuted")} refuted, ${count("not-probed")} not probed.`,
    "",
    "| claim | where | outcome | observed exchange, or why it was not probed |",
    "|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}
