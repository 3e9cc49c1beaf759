// Prism (stateless mock) and the emulator side by side, in one run on this machine: each in its
// own process on 127.0.0.1, driven by autocannon for BENCH_SECONDS (default 10) per endpoint on
// GET /v1/lines and POST /v1/messages. The emulator runs as in production use: auth, the rate
// limit (raised out of the way), validation against the bundle, and state persisted to a SQLite
// file. Prints req/s, p50 and p99 for both and the emulator/Prism ratio.
// Run: npm run bench:emulator
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_CONFIG_FILE, readConfigFile } from "../emulator/index.ts";
import { load, type LoadResult } from "../tooling/process/load.ts";
import { startMock } from "../tooling/process/mock-server.ts";
import { ROOT } from "../spec/paths.ts";
import { freePort, spawnService, type ChildService } from "../tooling/process/service.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;
const KEY = "sk_live_emulator";
const MESSAGE = JSON.stringify({ from: "+15551234567", to: "+15559876543", text: "Yes! It ships today." });

/** The emulator as its own process, as `npm run emulator` runs it, with its state in a SQLite file. */
async function startEmulatorProcess(dir: string): Promise<ChildService> {
  const config = readConfigFile(DEFAULT_CONFIG_FILE);
  config.rate_limit = { requests_per_hour: 1_000_000_000 };
  await writeFile(join(dir, "config.json"), JSON.stringify(config));
  const port = await freePort();
  const emulator = await spawnService({
    name: "emulator",
    command: process.execPath,
    args: ["--import", "tsx", `${ROOT}emulator/cli.ts`, "--port", String(port), "--db", join(dir, "bench.sqlite"), "--config", join(dir, "config.json")],
    port,
  });
  // Contact-first: the contact writes to the line before the line can write back.
  await fetch(`${emulator.url}/_emulator/inbound/messages`, { method: "POST", body: JSON.stringify({ line: "+15551234567", from: "+15559876543", text: "Hi" }) });
  return emulator;
}

const measure = (url: string, method: "GET" | "POST", path: string): Promise<LoadResult> =>
  load({
    url: `${url}${path}`,
    method,
    ...(method === "POST" && { body: MESSAGE }),
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    connections: CONNECTIONS,
    seconds: SECONDS,
  });

const ENDPOINTS = [
  ["GET", "/v1/lines"],
  ["POST", "/v1/messages"],
] as const;

const dir = await mkdtemp(join(tmpdir(), "bench-emulator-"));
const results: { target: string; endpoint: string; m: LoadResult }[] = [];
try {
  const servers = [
    ["prism", () => startMock({ port: 0, logLevel: "silent" })],
    ["emulator", () => startEmulatorProcess(dir)],
  ] as const;
  for (const [target, start] of servers) {
    const server = await start();
    try {
      for (const [method, path] of ENDPOINTS) results.push({ target, endpoint: `${method} ${path}`, m: await measure(server.url, method, path) });
    } finally {
      await server.close();
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

console.log(`autocannon, ${CONNECTIONS} connections, ${SECONDS} s per row, 127.0.0.1; emulator with auth, validation and a SQLite file (WAL)`);
console.log("target    endpoint            req/s   p50 ms  p99 ms  non-2xx  errors");
for (const { target, endpoint, m } of results) {
  console.log(`${target.padEnd(9)} ${endpoint.padEnd(18)} ${Math.round(m.reqPerSec).toString().padStart(7)} ${String(m.p50).padStart(8)} ${String(m.p99).padStart(7)} ${String(m.non2xx).padStart(8)} ${String(m.errors).padStart(7)}`);
}
for (const [method, path] of ENDPOINTS) {
  const endpoint = `${method} ${path}`;
  const of = (target: string) => results.find((r) => r.target === target && r.endpoint === endpoint)!.m.reqPerSec;
  console.log(`emulator/prism ${endpoint}: ${(of("emulator") / of("prism")).toFixed(2)}x`);
}
