// `npm start`: builds whatever is stale (`npm run build`: lint, bundle, generated/, docs), then
// serves the mock, the docs and the emulator, all on 127.0.0.1. Ctrl-C or SIGTERM
// stops every one of them.
import { DEFAULT_PORT as DEFAULT_EMULATOR_PORT, startEmulator } from "../emulator/index.ts";
import { build } from "./build.ts";
import { DEFAULT_DOCS_PORT, startDocs } from "./lib/docs-server.ts";
import { DEFAULT_MOCK_PORT, startMock } from "../tooling/process/mock-server.ts";
import { portFromEnv, stopOnSignal, type RunningService } from "../tooling/process/service.ts";

interface Service {
  name: string;
  start(): Promise<RunningService>;
}

const SERVICES: Service[] = [
  { name: "Mock (Prism)", start: () => startMock({ port: portFromEnv("MOCK_PORT", DEFAULT_MOCK_PORT), echo: true }) },
  { name: "Docs", start: () => startDocs(portFromEnv("DOCS_PORT", DEFAULT_DOCS_PORT)) },
  { name: "Emulator", start: () => startEmulator({ port: portFromEnv("EMULATOR_PORT", DEFAULT_EMULATOR_PORT) }) },
];

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

const built = await build();
if (built.some((stage) => stage.outcome === "failed" || stage.outcome === "blocked")) {
  console.error("The build failed (see above); fix it, then run npm start again.");
  process.exit(1);
}
const started = await startAll(SERVICES);
const width = Math.max(...started.map(({ name }) => name.length));
console.log(["", "Serving on loopback:", ...started.map(({ name, running }) => `  ${name.padEnd(width)}  ${running.url}`), "Ctrl-C stops everything.", ""].join("\n"));
stopOnSignal(started.map(({ running }) => running));
