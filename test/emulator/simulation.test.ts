// The simulation endpoints against their own description (emulator/simulation.openapi.yaml), the
// seed config against what the parallel branches were promised, and state across restarts.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig, apiKeys } from "../../emulator/config.ts";
import { loadSimulationSpec, SIMULATION_SPEC_FILE } from "../../emulator/simulation/spec.ts";
import { loadApiSpec } from "../../emulator/spec.ts";
import { isObject, type JsonObject } from "../../spec/openapi.ts";
import { schemaValidator } from "./conformance.ts";
import { CONTACT, KEY, SALES, SANDBOX, SUPPORT, TestEmulator, configWith } from "./harness.ts";

const spec = loadApiSpec();
const simulationDoc = parseYaml(await readFile(SIMULATION_SPEC_FILE, "utf8")) as JsonObject;
const operations = loadSimulationSpec();

/** The schema of a simulation response that is a bundle resource, as the shared validator reads refs. */
function responseSchema(path: string, method: string, status: string): JsonObject | undefined {
  const response = ((simulationDoc.paths as JsonObject)[path] as JsonObject)[method] as JsonObject;
  const documented = (response.responses as JsonObject)[status];
  const json = isObject(documented) && isObject(documented.content) ? documented.content["application/json"] : undefined;
  if (!isObject(json)) return undefined;
  return JSON.parse(JSON.stringify(json.schema).replaceAll('"../generated/openapi.json#/', '"#/')) as JsonObject;
}

describe("the simulation endpoints", () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await TestEmulator.start();
  });
  afterAll(() => emulator.close());

  it("are all described in simulation.openapi.yaml, with the interface's paths", () => {
    expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual([
      "GET /_emulator/clock", "GET /_emulator/storage/{token}", "GET /_emulator/webhook-deliveries",
      "POST /_emulator/clock", "POST /_emulator/failures", "POST /_emulator/faults", "POST /_emulator/inbound/messages", "POST /_emulator/inbound/reactions",
      "POST /_emulator/inbound/receipts", "POST /_emulator/inbound/typing", "POST /_emulator/outbox/flush", "POST /_emulator/reset",
      "POST /_emulator/sandbox", "POST /_emulator/sandbox/activate",
    ]);
  });

  it("accept the examples of their description", async () => {
    const message = await emulator.sim("inbound/messages", { line: SUPPORT, from: CONTACT, text: "Hey, is my order on its way?" });
    expect(message.status).toBe(201);
    expect(schemaValidator.validate("#/components/schemas/Message", message.body)).toEqual([]);
    expect((await emulator.sim("failures", { count: 1, error: "Recipient is not reachable over iMessage." })).body).toEqual({ count: 1, error: "Recipient is not reachable over iMessage." });
    expect((await emulator.sim("clock", { freeze: true, advance_ms: 60000 })).body).toMatchObject({ frozen: true });
    const reaction = await emulator.sim("inbound/reactions", { line: SUPPORT, from: CONTACT, message_id: message.body.id, type: "love" });
    expect(schemaValidator.validate("#/components/schemas/Reaction", reaction.body)).toEqual([]);
  });

  it("answer with the bundle's resources and their documented shapes", async () => {
    const checks: [string, string, string, unknown][] = [];
    const typing = await emulator.sim("inbound/typing", { line: SUPPORT, from: CONTACT, state: "on" });
    checks.push(["/_emulator/inbound/typing", "post", "201", typing.body]);
    const receipt = await emulator.sim("inbound/receipts", { line: SUPPORT, from: CONTACT });
    checks.push(["/_emulator/inbound/receipts", "post", "201", receipt.body]);
    for (const [path, method, status, body] of checks) expect(schemaValidator.validate(responseSchema(path, method, status)!, body)).toEqual([]);
    const sandbox = (await emulator.sim("sandbox/activate", {})).body;
    expect(sandbox).toMatchObject({ status: "active", sandbox_line_handle: SANDBOX, contact_identifier: CONTACT });
  });

  it("refuse a body their description does not allow, in the API's error envelope", async () => {
    const answer = await emulator.sim("inbound/messages", { line: SUPPORT, text: "no sender" });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "missing_required_parameter", param: "from" });
    expect(schemaValidator.validate("#/components/schemas/ErrorResponse", answer.body)).toEqual([]);
  });

  it("answer 404 line_not_found for an inbound message to a line that does not exist", async () => {
    const answer = await emulator.sim("inbound/messages", { line: "+15550009999", from: CONTACT, text: "Hi" });
    expect(answer.body.error).toMatchObject({ code: "line_not_found", param: "line" });
  });

  it("reset to the seeded state", async () => {
    await emulator.inbound();
    await emulator.sim("reset", {});
    expect((await emulator.api("GET", "/v1/chats", { query: { from: SUPPORT } })).body.data).toEqual([]);
    expect((await emulator.api("GET", "/v1/lines")).body.data).toHaveLength(3);
  });
});

describe("the default seed config", () => {
  const config = resolveConfig(undefined, spec);
  const keys = apiKeys(config, spec);

  it("has the Support, Sales and sandbox lines, the sandbox not yet activated", () => {
    expect(config.lines.map((l) => [l.handle, l.label, l.service, l.advanced_features, l.sandbox?.activated ?? null])).toEqual([
      [SUPPORT, "Support", "imessage", true, null],
      [SALES, "Sales", "sms", false, null],
      [SANDBOX, null, "imessage", false, false],
    ]);
    expect(config.lines[2]!.sandbox?.paired_phone).toBe(CONTACT);
  });

  // interfaces.md says "the 8 :read scopes"; the spec has 9 (lines, chats, messages, reactions,
  // typing, receipts, outbox, files, webhooks), and the read-only key gets all of them.
  it("has a key with all 15 scopes, a read-only key with the 9 read scopes, and a key restricted to Sales", () => {
    expect(keys.get(KEY)!.scopes.size).toBe(15);
    expect([...keys.get("sk_live_emulator_readonly")!.scopes].sort()).toEqual(spec.scopes.filter((s) => s.endsWith(":read")));
    expect(keys.get("sk_live_emulator_readonly")!.scopes.size).toBe(9);
    expect([...keys.get("sk_live_emulator_sales")!.lines!]).toEqual([SALES]);
    expect(config.rate_limit.requests_per_hour).toBe(1000);
  });

  it("refuses a config with an unknown scope, a bad handle or a key on an unknown line, naming each", () => {
    const bad = configWith((c) => {
      c.api_keys[0]!.scopes = ["messages:read", "messages:delete"];
      c.lines[0]!.handle = "support";
      c.api_keys[2]!.lines = ["+15550000000"];
    });
    expect(() => resolveConfig(bad, spec)).toThrow(/messages:delete[\s\S]*line support is not a valid LineHandle|line support is not a valid LineHandle[\s\S]*messages:delete/);
    expect(() => resolveConfig(bad, spec)).toThrow(/unknown line \+15550000000/);
  });
});

describe("persistence with --db", () => {
  let dir: string;
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("keeps chats, messages and the sandbox's activation across a restart; in memory, a restart forgets them", async () => {
    dir = await mkdtemp(join(tmpdir(), "emulator-db-"));
    const db = join(dir, "state.sqlite");
    const first = await TestEmulator.start({ db });
    await first.inbound("Still there?");
    await first.sim("sandbox/activate", {});
    await first.close();

    const second = await TestEmulator.start({ db });
    const { body } = await second.api("GET", "/v1/messages", { query: { from: SUPPORT, to: CONTACT } });
    expect(body.data.map((m: { text: string }) => m.text)).toEqual(["Still there?"]);
    expect((await second.api("POST", "/v1/messages", { body: { from: SANDBOX, to: CONTACT, text: "Hi" } })).status).toBe(201);
    await second.close();

    const inMemory = await TestEmulator.start();
    expect((await inMemory.api("GET", "/v1/messages", { query: { from: SUPPORT, to: CONTACT } })).status).toBe(404);
    await inMemory.close();
  });
});

