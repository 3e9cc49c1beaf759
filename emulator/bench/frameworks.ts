// Measures the HTTP layers the emulator could be built on (node:http, fastify 5, hono 4 on
// @hono/node-server) on this machine: each serves the same GET and POST in its own process, and
// autocannon drives it on 127.0.0.1. The frameworks take turns for BENCH_ROUNDS rounds, so a
// neighbour's load spike does not favour one of them; the median of the rounds is printed.
// Run: npm run bench:emulator-frameworks
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { load } from "../../scripts/lib/load.ts";

const SERVER = fileURLToPath(new URL("./framework-server.ts", import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FRAMEWORKS = ["node:http", "fastify", "hono"] as const;
const MESSAGE = JSON.stringify({ from: "+15551234567", to: "+15559876543", text: "Hi" });

interface Sample {
  get: number;
  post: number;
  getP99: number;
  postP99: number;
}

async function measure(framework: string): Promise<Sample> {
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
      load({ url: `http://127.0.0.1:${port}${path}`, method, ...(body && { body }), headers: { "content-type": "application/json" }, connections: 20, seconds: SECONDS });
    const get = await run("GET", "/v1/lines");
    const post = await run("POST", "/v1/messages", MESSAGE);
    return { get: get.reqPerSec, post: post.reqPerSec, getP99: get.p99, postP99: post.p99 };
  } finally {
    child.kill("SIGTERM");
  }
}

const samples = new Map<string, Sample[]>(FRAMEWORKS.map((f) => [f, []]));
for (let round = 0; round < ROUNDS; round += 1) {
  for (const framework of FRAMEWORKS) samples.get(framework)!.push(await measure(framework));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`median of ${ROUNDS} rounds, ${SECONDS} s each, 20 connections, 127.0.0.1`);
console.log("framework    GET req/s  p99 ms   POST req/s  p99 ms");
for (const [framework, runs] of samples) {
  const cell = (key: keyof Sample) => String(Math.round(median(runs.map((r) => r[key]))));
  console.log(`${framework.padEnd(12)} ${cell("get").padStart(9)} ${cell("getP99").padStart(7)} ${cell("post").padStart(12)} ${cell("postP99").padStart(7)}`);
}
