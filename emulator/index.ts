// The messages.dev emulator: a stateful local stand-in for the live API. `startEmulator()` runs
// it in-process (tests, the contract suite); `npm run emulator` runs it from the command line.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { defaultPort } from "../spec/local-servers.ts";
import { routeTable } from "./api/handlers.ts";
import { Clock } from "./clock.ts";
import { apiKeys, resolveConfig, type EmulatorConfig } from "./config.ts";
import type { EmulatorContext } from "./context.ts";
import { DRIFT_KINDS, isDriftKind, type DriftKind } from "./drift.ts";
import { RateLimiter } from "./http/auth.ts";
import { answerClientError, createRequestListener } from "./http/server.ts";
import { RequestValidator } from "./http/validation.ts";
import { advanceDueWrites, TICK_BUDGET_MS } from "./outbox/worker.ts";
import { createSimulation } from "./simulation/endpoints.ts";
import { loadApiSpec } from "./spec.ts";
import { openDatabase } from "./state/db.ts";
import { GroupCommit } from "./state/group-commit.ts";
import { resetState, seedLines } from "./state/seed.ts";
import { WebhookDispatcher } from "./webhooks/dispatcher.ts";

export { DRIFT_KINDS, describeDrift, isConformantDrift, isDriftKind, type DriftKind } from "./drift.ts";
export { DEFAULT_CONFIG_FILE, readConfigFile, type EmulatorConfig } from "./config.ts";

export interface EmulatorOptions {
  /** 0 picks a free port. Default 4020. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** A YAML or JSON file, or the config itself. Default emulator/config/default.yaml. */
  config?: string | EmulatorConfig;
  /** A SQLite file to keep state in across restarts. Default: in memory. */
  db?: string;
  /** Ways to deviate from the spec, for testing the contract suite. */
  drift?: DriftKind[];
  /** Answer in the sparsest shape the spec allows: every optional field left out (the `sparse` drift). */
  sparse?: boolean;
}

export interface RunningEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_PORT = defaultPort("emulator");

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const drift: DriftKind[] = [...(options.drift ?? []), ...(options.sparse && !options.drift?.includes("sparse") ? (["sparse"] as const) : [])];
  const unknown = drift.filter((kind) => !isDriftKind(kind));
  if (unknown.length > 0) throw new Error(`Unknown drift kind ${unknown.join(", ")}; known: ${DRIFT_KINDS.join(", ")}`);
  const host = options.host ?? "127.0.0.1";
  const spec = loadApiSpec();
  const config = resolveConfig(options.config, spec);
  const db = openDatabase(options.db);
  const clock = new Clock();
  seedLines(db, config, clock.now());

  let wakeScheduled = false;
  const emulator: EmulatorContext = {
    spec, config, db, clock,
    keys: apiKeys(config, spec),
    rateLimiter: new RateLimiter(config.rate_limit.requests_per_hour, clock),
    commits: new GroupCommit(db),
    baseUrl: "",
    wake() {
      if (wakeScheduled) return;
      wakeScheduled = true;
      setImmediate(() => {
        wakeScheduled = false;
        void tick(TICK_BUDGET_MS);
      });
    },
  };
  const dispatcher = new WebhookDispatcher(emulator);
  let closed = false;
  /** Background ticks work within a budget; a tick asked for (clock, flush) runs all that is due. */
  const tick = async (budgetMs?: number) => {
    if (closed) return;
    advanceDueWrites(emulator, budgetMs);
    await dispatcher.deliverDue();
  };
  const reset = () => {
    resetState(db, config, Date.now());
    clock.reset();
    emulator.rateLimiter.reset();
  };

  const validator = new RequestValidator(spec);
  const simulation = createSimulation(emulator, validator, { tick: () => tick(), reset });
  const server = createServer({ keepAliveTimeout: 10_000 }, createRequestListener(emulator, routeTable(spec), simulation, validator, drift));
  server.on("clientError", answerClientError(spec));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? DEFAULT_PORT, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  emulator.baseUrl = url;
  const timer = setInterval(() => void tick(TICK_BUDGET_MS).catch((error: unknown) => console.error("Emulator worker error:", error)), config.outbox.poll_interval_ms);
  timer.unref();

  return {
    url,
    port,
    async close() {
      closed = true;
      clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dispatcher.deliverDue().catch(() => undefined);
      emulator.commits.commit();
      db.close();
    },
  };
}
