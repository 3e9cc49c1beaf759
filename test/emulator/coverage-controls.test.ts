// The controls that let the contract suite provoke every documented response: injected faults per
// operation, the sandbox put in each state, and the seeded keys the API refuses in its own ways.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CONTACT, READONLY_KEY, SANDBOX, SUPPORT, TestEmulator } from "./harness.ts";

const WRITEONLY_KEY = "sk_live_emulator_writeonly";
const NO_ACCOUNT_KEY = "sk_live_emulator_no_account";

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await TestEmulator.start();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.sim("reset", {}));

describe("POST /_emulator/faults", () => {
  it("makes the next request to that operation alone answer 500 server_error, then lets the next one through", async () => {
    expect((await emulator.sim("faults", { operation_id: "listLines", code: "server_error" })).body).toEqual({ operation_id: "listLines", code: "server_error", count: 1 });
    expect((await emulator.api("GET", "/v1/sandbox")).status).toBe(200);
    const failed = await emulator.api("GET", "/v1/lines");
    expect(failed.status).toBe(500);
    expect(failed.body.error).toMatchObject({ type: "api_error", code: "server_error" });
    expect((await emulator.api("GET", "/v1/lines")).status).toBe(200);
  });

  it("throttles one operation with 429 rate_limit_exceeded and a Retry-After, count times", async () => {
    await emulator.sim("faults", { operation_id: "listChats", code: "rate_limit_exceeded", count: 2 });
    for (const _ of [1, 2]) {
      const throttled = await emulator.api("GET", "/v1/chats", { query: { from: SUPPORT } });
      expect([throttled.status, throttled.body.error.code, throttled.headers.get("retry-after")]).toEqual([429, "rate_limit_exceeded", "3600"]);
    }
    expect((await emulator.api("GET", "/v1/chats", { query: { from: SUPPORT } })).status).toBe(200);
  });

  it("leaves authentication first, is cancelled by count 0 and forgotten by a reset", async () => {
    await emulator.sim("faults", { operation_id: "listLines", code: "server_error", count: 3 });
    expect((await emulator.api("GET", "/v1/lines", { key: null })).status).toBe(401);
    await emulator.sim("faults", { operation_id: "listLines", code: "server_error", count: 0 });
    expect((await emulator.api("GET", "/v1/lines")).status).toBe(200);
    await emulator.sim("faults", { operation_id: "listLines", code: "server_error" });
    await emulator.sim("reset", {});
    expect((await emulator.api("GET", "/v1/lines")).status).toBe(200);
  });

  it("refuses an operation the API does not have, and a code the spec does not know", async () => {
    const unknown = await emulator.sim("faults", { operation_id: "listPigeons", code: "server_error" });
    expect([unknown.status, unknown.body.error.code, unknown.body.error.param]).toEqual([400, "invalid_parameter_value", "operation_id"]);
    expect((await emulator.sim("faults", { operation_id: "listLines", code: "teapot" })).status).toBe(400);
  });
});

describe("POST /_emulator/sandbox", () => {
  it("puts the sandbox in each state, as GET /v1/sandbox then answers", async () => {
    for (const status of ["pending", "active", "missing"]) {
      const put = await emulator.sim("sandbox", { status });
      expect(put.body.status).toBe(status);
      expect((await emulator.api("GET", "/v1/sandbox")).body).toEqual({ ...put.body, request_id: expect.any(String) });
    }
  });

  it("refuses sends from the sandbox line while it is pending, and past a daily quota of 0", async () => {
    await emulator.sim("sandbox", { status: "pending" });
    const pending = await emulator.api("POST", "/v1/messages", { body: { from: SANDBOX, to: CONTACT, text: "Hi" } });
    expect([pending.status, pending.body.error.code]).toEqual([403, "sandbox_not_activated"]);
    const active = await emulator.sim("sandbox", { status: "active", daily_quota: 0 });
    expect(active.body.usage).toMatchObject({ limit: 0, remaining: 0 });
    const over = await emulator.api("POST", "/v1/messages", { body: { from: SANDBOX, to: CONTACT, text: "Hi" } });
    expect([over.status, over.body.error.code]).toEqual([429, "sandbox_quota_exceeded"]);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("the seeded keys the API refuses", () => {
  it("a key no account owns gets 403 sandbox_requires_owner from the sandbox and its line, and nothing else changes", async () => {
    for (const [method, path] of [["GET", "/v1/sandbox"], ["POST", "/v1/sandbox"]] as const) {
      const refused = await emulator.api(method, path, { key: NO_ACCOUNT_KEY });
      expect([refused.status, refused.body.error.code]).toEqual([403, "sandbox_requires_owner"]);
    }
    const line = await emulator.api("GET", "/v1/chats", { key: NO_ACCOUNT_KEY, query: { from: SANDBOX } });
    expect([line.status, line.body.error.code, line.body.error.param]).toEqual([403, "sandbox_requires_owner", "from"]);
    expect((await emulator.api("GET", "/v1/chats", { key: NO_ACCOUNT_KEY, query: { from: SUPPORT } })).status).toBe(200);
  });

  it("the write-only key has every scope but the :read ones", async () => {
    const read = await emulator.api("GET", "/v1/lines", { key: WRITEONLY_KEY });
    expect([read.status, read.body.error.code]).toEqual([403, "insufficient_scope"]);
    await emulator.inbound();
    expect((await emulator.api("POST", "/v1/typing", { key: WRITEONLY_KEY, body: { from: SUPPORT, to: CONTACT, state: "on" } })).status).toBe(201);
    expect((await emulator.api("POST", "/v1/typing", { key: READONLY_KEY, body: { from: SUPPORT, to: CONTACT, state: "on" } })).status).toBe(403);
  });
});
