// The emulator target, against a stand-in for emulator/index.ts: the runner starts it with
// startEmulator({ port: 0 }), runs the simulation setup the journeys declare, checks the error
// codes the mock cannot, and closes it. The stand-in answers the API from Prism and records the
// simulation calls.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../contract-tests/config.ts";
import { startMock } from "../../tooling/process/mock-server.ts";
import type { ChildService } from "../../tooling/process/service.ts";
import { runSuite, type SuiteRun } from "../../contract-tests/suite.ts";
import type { StartEmulator } from "../../contract-tests/targets.ts";
import { loadBundle } from "../../spec/openapi.ts";

const spec = loadBundle();

/** A module with the emulator's startEmulator() signature, serving /v1 from Prism. */
const FAKE_EMULATOR = `
import { createServer } from "node:http";
export const calls = [];
export async function startEmulator(options) {
  const record = { options, simulation: [], closed: false };
  calls.push(record);
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    if (req.url.startsWith("/_emulator/")) {
      record.simulation.push({ path: req.url, body: body && JSON.parse(body) });
      res.writeHead(req.url === "/_emulator/inbound/messages" ? 201 : 200, { "content-type": "application/json" }).end("{}");
      return;
    }
    const forwarded = ["authorization", "content-type", "x-filename"].filter((name) => req.headers[name]);
    const answer = await fetch(process.env.FAKE_EMULATOR_UPSTREAM + req.url, {
      method: req.method,
      headers: Object.fromEntries(forwarded.map((name) => [name, req.headers[name]])),
      body: body || undefined,
      redirect: "manual",
    });
    const headers = Object.fromEntries([...answer.headers].filter(([name]) => ["content-type", "location", "retry-after"].includes(name)));
    res.writeHead(answer.status, headers).end(await answer.text());
  });
  await new Promise((resolve) => server.listen(options.port, "127.0.0.1", resolve));
  return {
    url: "http://127.0.0.1:" + server.address().port,
    port: server.address().port,
    close: () => new Promise((resolve) => server.close(() => { record.closed = true; resolve(); })),
  };
}
`;

interface FakeCall {
  options: { port: number; drift?: string[] };
  simulation: Array<{ path: string; body: Record<string, unknown> }>;
  closed: boolean;
}

let scratch: string;
let prism: ChildService;
let run: SuiteRun;
let calls: FakeCall[];

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "fake-emulator-"));
  const module = join(scratch, "index.mjs");
  await writeFile(module, FAKE_EMULATOR);
  prism = await startMock({ port: 0 });
  process.env.FAKE_EMULATOR_UPSTREAM = prism.url;
  const fake = (await import(pathToFileURL(module).href)) as { calls: FakeCall[]; startEmulator: StartEmulator };
  run = await runSuite({ config: resolveConfig(["--target", "emulator", "--drift", "extra-property"], {}), spec, startEmulator: fake.startEmulator });
  ({ calls } = fake);
});
afterAll(async () => {
  delete process.env.FAKE_EMULATOR_UPSTREAM;
  await prism.close();
  await rm(scratch, { recursive: true, force: true });
});

describe("the emulator target", () => {
  it("starts the emulator on a free port, passing --drift through, and closes it after the run", () => {
    expect(calls).toHaveLength(1);
    expect(calls[0]!.options).toEqual({ port: 0, drift: ["extra-property"] });
    expect(calls[0]!.closed).toBe(true);
  });

  it("makes the journeys' simulation calls: an inbound message before reading or sending, a flush before polling the outbox", () => {
    // The journeys run before the provocations, which stage their own.
    const paths = calls[0]!.simulation.map((call) => call.path).slice(0, 5);
    expect(paths).toEqual([
      "/_emulator/inbound/messages",
      "/_emulator/inbound/messages",
      "/_emulator/outbox/flush",
      "/_emulator/inbound/messages",
      "/_emulator/outbox/flush",
    ]);
    expect(calls[0]!.simulation[1]!.body).toEqual({ line: "+15551234567", from: "+15559876543", text: "The parcel arrived, thank you!" });
  });

  it("runs the steps the mock skips", () => {
    const polls = run.results.filter((r) => r.name === "sendAttachment › pollOutbox");
    expect(polls.map((r) => r.outcome)).toEqual(["passed"]);
  });

  it("checks the error code of a negative case, which the mock does not", () => {
    // Behind this stand-in, Prism answers a too-small limit with its first canned 400: missing_required_parameter.
    const limit = run.results.find((r) => r.name === 'listChats: query parameter "limit" below its minimum 1');
    expect(limit?.outcome).toBe("failed");
    expect(limit?.violations).toContainEqual(expect.objectContaining({ pointer: "/body/error/code", expected: "invalid_parameter_value", actual: "missing_required_parameter" }));
    expect(limit?.violations).toContainEqual(expect.objectContaining({ pointer: "/body/error/param", expected: "limit", actual: "from" }));
  });

  it("deletes the webhooks the run created", () => {
    expect(run.results.filter((r) => r.scenario === "cleanup").map((r) => r.operationId)).toContain("deleteWebhook");
  });
});
