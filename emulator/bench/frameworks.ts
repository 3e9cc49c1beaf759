// Measures the HTTP layers the emulator could be built on (node:http, fastify 5, hono 4 on
// @hono/node-server) on this machine: each serves the same GET and POST in its own process, and
// autocannon drives it for a few seconds on 127.0.0.1. Prints req/s and latency percentiles.
// Run: npm run bench:emulator-frameworks
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const SERVER = fileURLToPath(new URL("./framework-server.ts", import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

async function measure(framework: string) {
  const child = spawn(process.execPath, ["--import", "tsx", SERVER, framework], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        const match = /listening (\d+)/.exec(String(chunk));
        if (match) resolve(Number(match[1]));
      });
      child.on("exit", (code) => reject(new Error(`${framework} exited with ${code}`)));
    });
    const run = (method: "GET" | "POST", path: string, body?: string) =>
      autocannon({
        url: `http://127.0.0.1:${port}${path}`,
        method,
        body,
        headers: { "content-type": "application/json" },
        connections: 20,
        duration: SECONDS,
      });
    const get = await run("GET", "/v1/lines");
    const post = await run("POST", "/v1/messages", JSON.stringify({ from: "+15551234567", to: "+15559876543", text: "Hi" }));
    return { framework, get, post };
  } finally {
    child.kill("SIGTERM");
  }
}

console.log(`framework   | GET req/s  p50  p99 | POST req/s  p50  p99   (${SECONDS} s each, 20 connections)`);
for (const framework of ["node:http", "fastify", "hono"]) {
  const { get, post } = await measure(framework);
  const cell = (r: autocannon.Result) => `${Math.round(r.requests.average).toString().padStart(9)} ${String(r.latency.p50).padStart(4)} ${String(r.latency.p99).padStart(4)}`;
  console.log(`${framework.padEnd(11)} |${cell(get)} |${cell(post)}`);
}
