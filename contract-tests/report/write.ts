// Writes a run's reports: summary.md for people, junit.xml for CI, exchanges.har for replaying,
// and with --probe, probes.md with the verdict on each claim of the ledger.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { OpenApiDocument } from "../../spec/openapi.ts";
import type { SuiteRun } from "../suite.ts";
import { toHar } from "./har.ts";
import { toJunit } from "./junit.ts";
import { toProbeReport } from "./probes.ts";
import { redactSecrets } from "./redact.ts";
import { toSummary } from "./summary.ts";

export interface Reports {
  summary: string;
  files: { summary: string; junit: string; har: string; probes?: string };
}

export async function writeReports(dir: string, spec: OpenApiDocument, run: SuiteRun, secrets: readonly string[], strict = false): Promise<Reports> {
  const facts = { target: run.target.kind, baseUrl: run.target.baseUrl, seconds: run.seconds, requests: run.exchanges.length, coverage: run.coverage };
  const summary = redactSecrets(toSummary(spec, run.results, facts, strict), secrets);
  const files = { summary: join(dir, "summary.md"), junit: join(dir, "junit.xml"), har: join(dir, "exchanges.har") };
  await mkdir(dir, { recursive: true });
  await Promise.all([
    writeFile(files.summary, summary),
    writeFile(files.junit, redactSecrets(toJunit(`contract tests against ${run.target.kind}`, run.results, run.seconds, strict, run.coverage, run.target.kind === "emulator"), secrets)),
    writeFile(files.har, `${JSON.stringify(toHar(run.exchanges, secrets), null, 2)}\n`),
  ]);
  if (!run.probes) return { summary, files };
  const probes = redactSecrets(toProbeReport(run.probes, run.target.kind), secrets);
  const probeFile = join(dir, "probes.md");
  await writeFile(probeFile, probes);
  return { summary: `${summary}\n${probes}`, files: { ...files, probes: probeFile } };
}
