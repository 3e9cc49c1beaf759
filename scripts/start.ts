// `npm start`: brings what is stale up to date (generated/, then the docs), then serves the mock,
// the docs and, when this checkout has one, the emulator, all on 127.0.0.1. Ctrl-C or SIGTERM
// stops every one of them.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { staleFiles } from "./check-generated.ts";
import { buildDocs, docsAreStale } from "./docs-build.ts";
import { generateAll } from "./generate.ts";
import { DEFAULT_DOCS_PORT, startDocs } from "./lib/docs-server.ts";
import { DEFAULT_MOCK_PORT, startMock } from "./lib/mock-server.ts";
import { ROOT } from "./lib/paths.ts";
import { portFromEnv, stopOnSignal, type RunningService } from "./lib/service.ts";

const EMULATOR_ENTRY = `${ROOT}emulator/index.ts`;
const DEFAULT_EMULATOR_PORT = 4020;

interface Service {
  name: string;
  start(): Promise<RunningService>;
}

/** The shape of emulator/index.ts that this script relies on (see the emulator's own docs). */
interface EmulatorModule {
  startEmulator(options: { port?: number }): Promise<RunningService>;
}

async function refreshGenerated(): Promise<void> {
  const fresh = await mkdtemp(join(tmpdir(), "generated-"));
  try {
    await generateAll(fresh);
    const stale = await staleFiles(fresh);
    if (stale.length === 0) return;
    console.log(`generated/ was stale (${stale.join(", ")}); regenerating.`);
    await generateAll();
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
}

async function services(): Promise<Service[]> {
  const list: Service[] = [
    { name: "Mock (Prism)", start: () => startMock({ port: portFromEnv("MOCK_PORT", DEFAULT_MOCK_PORT), echo: true }) },
    { name: "Docs", start: () => startDocs(portFromEnv("DOCS_PORT", DEFAULT_DOCS_PORT)) },
  ];
  if (existsSync(EMULATOR_ENTRY)) {
    const { startEmulator } = (await import(pathToFileURL(EMULATOR_ENTRY).href)) as EmulatorModule;
    list.push({ name: "Emulator", start: () => startEmulator({ port: portFromEnv("EMULATOR_PORT", DEFAULT_EMULATOR_PORT) }) });
  }
  return list;
}

/** Starts them all; if one fails, stops the others and rethrows, so nothing is left running. */
async function startAll(list: Service[]): Promise<Array<Service & { running: RunningService }>> {
  const results = await Promise.allSettled(list.map((service) => service.start()));
  const started = results.flatMap((result, i) => (result.status === "fulfilled" ? [{ ...list[i]!, running: result.value }] : []));
  const failures = results.flatMap((result, i) => (result.status === "rejected" ? [`${list[i]!.name}: ${String(result.reason)}`] : []));
  if (failures.length > 0) {
    await Promise.allSettled(started.map(({ running }) => running.close()));
    throw new Error(`Could not start everything:\n${failures.join("\n")}`);
  }
  return started;
}

await refreshGenerated();
if (await docsAreStale()) console.log(`Built ${await buildDocs()}`);
const started = await startAll(await services());
const width = Math.max(...started.map(({ name }) => name.length));
console.log(["", "Serving on loopback:", ...started.map(({ name, running }) => `  ${name.padEnd(width)}  ${running.url}`), "Ctrl-C stops everything.", ""].join("\n"));
stopOnSignal(started.map(({ running }) => running));
