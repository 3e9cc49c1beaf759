// `npm run contract -- --target mock|emulator|live`: runs the contract suite, writes the reports
// and exits 0 when nothing was violated, 1 when something was (or, with --strict, when the spec is
// behind the API: a response carried a field it does not document; or, with --probe, when a claim
// of the ledger was refuted; or, against the emulator, when a documented status or error code went
// unobserved without an entry in contract-tests/coverage-allowlist.yaml), 2 when the run could not start.
import { relative } from "node:path";
import { loadBundle } from "../spec/openapi.ts";
import { ROOT } from "../spec/paths.ts";
import { ConfigError, resolveConfig, secretsOf } from "./config.ts";
import { TargetUnreachable } from "./http-client.ts";
import { coverageGaps } from "./report/coverage.ts";
import { redactSecrets } from "./report/redact.ts";
import { writeReports } from "./report/write.ts";
import { failsRun } from "./results.ts";
import { runSuite } from "./suite.ts";

async function main(): Promise<number> {
  let secrets: string[] = [];
  const say = (text: string) => console.log(redactSecrets(text, secrets));
  try {
    const config = resolveConfig(process.argv.slice(2), process.env);
    secrets = secretsOf(config);
    const spec = loadBundle();
    const run = await runSuite({ config, spec });
    const reports = await writeReports(config.reportsDir, spec, run, secrets, config.strict);
    say(reports.summary);
    say(`Reports: ${Object.values(reports.files).map((file) => relative(ROOT, file)).join(", ")}`);
    const refuted = (run.probes ?? []).some((probe) => probe.verdict.outcome === "refuted");
    const { unlisted, stale } = coverageGaps(run.coverage);
    const coverageFalls = run.target.kind === "emulator" && (unlisted.length > 0 || stale.length > 0);
    if (coverageFalls) say(`Coverage against the emulator is below 100%: ${unlisted.length} response(s) not observed and not allow-listed, ${stale.length} stale allow-list entr(ies).`);
    return refuted || coverageFalls || failsRun(run.results, config.strict) ? 1 : 0;
  } catch (error) {
    const expected = error instanceof ConfigError || error instanceof TargetUnreachable;
    const message = expected ? error.message : ((error as Error).stack ?? String(error));
    console.error(`contract: ${redactSecrets(message, secrets)}`);
    return 2;
  }
}

process.exitCode = await main();
