// Prism (stateless mock) and the emulator side by side, in one run on this machine: each in its
// own process on 127.0.0.1, driven by autocannon for BENCH_SECONDS (default 10) per endpoint on
// GET /v1/lines and POST /v1/messages. The emulator runs as in production use: auth, the rate
// limit (raised out of the way), validation against the bundle, and state persisted to a SQLite
// file. Prints req/s, p50 and p99 for both and the emulator/Prism ratio.
// Run: npm run bench:emulator
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { readConfigFile, DEFAULT_CONFIG_FILE } from "../emulator/config.ts";
import { BUNDLE_YAML, ROOT } from "./lib/paths.ts";
import { QUIET_TOOL_ENV } from "./lib/run.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;
const KEY = "sk_live_emulator";
const MESSAGE = JSON.stringify({ from: "+15551234567", to: "+15559876543", text: "Yes! It ships today." });

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`${url} did not come up`);
}

async function startPrism(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(`${ROOT}node_modules/.bin/prism`, ["mock", BUNDLE_YAML, "-h", "127.0.0.1", "-p", String(port), "-v", "silent"], {
    cwd: ROOT,
    env: { ...process.env, ...QUIET_TOOL_ENV },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilServing(url, child);
  return { url, child };
}

async function startEmulatorProcess(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const config = readConfigFile(DEFAULT_CONFIG_FILE);
  config.rate_limit = { requests_per_hour: 1_000_000_000 };
  await writeFile(join(dir, "config.json"), JSON.stringify(config));
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "emulator/cli.ts", "--port", String(port), "--db", join(dir, "bench.sqlite"), "--config", join(dir, "config.json")], {
    cwd: ROOT,
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilServing(url, child);
  // Contact-first: the contact writes to the line before the line can write back.
  await fetch(`${url}/_emulator/inbound/messages`, { method: "POST", body: JSON.stringify({ line: "+15551234567", from: "+15559876543", text: "Hi" }) });
  return { url, child };
}

interface Measurement {
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function measure(url: string, method: "GET" | "POST", path: string): Promise<Measurement> {
  const result = await autocannon({
    url: `${url}${path}`,
    method,
    body: method === "POST" ? MESSAGE : undefined,
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  return { reqPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts };
}

const ENDPOINTS = [
  ["GET", "/v1/lines"],
  ["POST", "/v1/messages"],
] as const;

const dir = await mkdtemp(join(tmpdir(), "bench-emulator-"));
const results: { target: string; endpoint: string; m: Measurement }[] = [];
try {
  for (const [target, start] of [["prism", startPrism], ["emulator", () => startEmulatorProcess(dir)]] as const) {
    const server = await start();
    try {
      for (const [method, path] of ENDPOINTS) results.push({ target, endpoint: `${method} ${path}`, m: await measure(server.url, method, path) });
    } finally {
      server.child.kill("SIGTERM");
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
