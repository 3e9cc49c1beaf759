// `npm run bench:mock`: how fast Prism starts, and what it sustains on GET /v1/lines (autocannon,
// 20 connections, 10 s, 127.0.0.1 only). Prints numbers; asserts nothing. The load generator shares
// the machine with Prism, so read the numbers as this machine's, not Prism's ceiling.
import { loadBundle, operations } from "../spec/openapi.ts";
import { startMock } from "../tooling/process/mock-server.ts";
import { load } from "../tooling/process/load.ts";

const TARGET = { method: "get", path: "/v1/lines" } as const;
const STARTUPS = 3;
const CONNECTIONS = 20;
const DURATION_S = 10;
const AUTHORIZATION = "Bearer sk_live_bench";

if (!operations(loadBundle()).some((op) => op.method === TARGET.method && op.path === TARGET.path)) {
  throw new Error(`The spec has no ${TARGET.method.toUpperCase()} ${TARGET.path} to benchmark any more; pick another operation.`);
}

/** Milliseconds from spawning Prism to its first successful answer on the target. */
async function startupMs(): Promise<number> {
  const begin = performance.now();
  const mock = await startMock({ port: 0, logLevel: "silent" });
  try {
    const response = await fetch(`${mock.url}${TARGET.path}`, { headers: { Authorization: AUTHORIZATION } });
    if (!response.ok) throw new Error(`${TARGET.path} answered ${response.status}`);
    return performance.now() - begin;
  } finally {
    await mock.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const startups: number[] = [];
for (let i = 0; i < STARTUPS; i++) startups.push(await startupMs());
console.log(`Prism startup (spawn → first 200 on ${TARGET.path}), ${STARTUPS} runs: ${startups.map((ms) => `${ms.toFixed(0)} ms`).join(", ")}; median ${median(startups).toFixed(0)} ms`);

const mock = await startMock({ port: 0, logLevel: "silent" });
try {
  const result = await load({ url: `${mock.url}${TARGET.path}`, headers: { Authorization: AUTHORIZATION }, connections: CONNECTIONS, seconds: DURATION_S });
  console.log(
    `GET ${TARGET.path}, static examples, ${CONNECTIONS} connections, ${DURATION_S} s: ` +
      `${result.reqPerSec.toFixed(0)} req/s (${result.total} requests), ` +
      `p50 ${result.p50} ms, p99 ${result.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}`,
  );
} finally {
  await mock.close();
}
