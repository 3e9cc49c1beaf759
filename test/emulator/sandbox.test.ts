// GET and POST /v1/sandbox: missing → pending (an activation code) → active (paired), with the
// daily quota's usage. Every answer is checked against the spec by the harness.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CONTACT, KEY, READONLY_KEY, SANDBOX, TestEmulator, configWith } from "./harness.ts";

const DAY = Date.UTC(2030, 0, 1, 22, 0);
const NEXT_MIDNIGHT = Date.UTC(2030, 0, 2);

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await TestEmulator.start();
});
afterAll(() => emulator.close());
afterEach(() => emulator.sim("reset", {}));

const read = async (key = KEY) => (await emulator.api("GET", "/v1/sandbox", { key })).body;
const create = async () => (await emulator.api("POST", "/v1/sandbox")).body;

describe("the sandbox endpoints", () => {
  it("answer missing, with no line, code or contact, before the sandbox is created", async () => {
    expect(await read()).toMatchObject({
      status: "missing", activation_code: null, sandbox_line_handle: null, contact_identifier: null, activated_at: null,
      usage: { used: 0, limit: 50, remaining: 50 },
    });
  });

  it("create a pending sandbox with an activation code, and keep that code when called again", async () => {
    const pending = await create();
    expect(pending).toMatchObject({ status: "pending", sandbox_line_handle: SANDBOX, contact_identifier: null, activated_at: null });
    expect(pending.activation_code).toMatch(/^[A-Z0-9]{6}$/);
    expect(await create()).toMatchObject({ status: "pending", activation_code: pending.activation_code });
    expect(await read()).toMatchObject({ status: "pending", activation_code: pending.activation_code });
  });

  it("turn active, paired with the phone and without a code, once the phone texts the code", async () => {
    const { now } = (await emulator.sim("clock", { now: DAY, freeze: true })).body;
    await create();
    await emulator.sim("sandbox/activate", {});
    expect(await read()).toMatchObject({ status: "active", activation_code: null, sandbox_line_handle: SANDBOX, contact_identifier: CONTACT, activated_at: now });
    expect(await create()).toMatchObject({ status: "active", activated_at: now });
  });

  it("count today's sandbox sends against the quota, starting again at midnight UTC", async () => {
    await emulator.sim("clock", { now: DAY, freeze: true });
    await emulator.sim("sandbox/activate", {});
    for (let n = 0; n < 2; n++) await emulator.api("POST", "/v1/messages", { body: { from: SANDBOX, to: CONTACT, text: "Hi" } });
    expect((await read()).usage).toEqual({ used: 2, limit: 50, remaining: 48, resets_at: NEXT_MIDNIGHT });
    await emulator.sim("clock", { now: NEXT_MIDNIGHT });
    expect((await read()).usage).toEqual({ used: 0, limit: 50, remaining: 50, resets_at: NEXT_MIDNIGHT + 86_400_000 });
  });

  it("go back to missing on reset", async () => {
    await create();
    await emulator.sim("reset", {});
    expect((await read()).status).toBe("missing");
  });

  it("need the lines:read scope, which the read-only key has and a messages-only key lacks", async () => {
    expect((await read(READONLY_KEY)).status).toBe("missing");
    const narrow = await TestEmulator.start({ config: configWith((c) => void c.api_keys.push({ key: "sk_live_messages_only", scopes: ["messages:read"] })) });
    try {
      const refused = await narrow.api("POST", "/v1/sandbox", { key: "sk_live_messages_only" });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("insufficient_scope");
    } finally {
      await narrow.close();
    }
  });
});

describe("the sandbox's quota in its usage", () => {
  it("shows no remaining sends once the quota is spent, as the send gets 429 sandbox_quota_exceeded", async () => {
    const small = await TestEmulator.start({ config: configWith((c) => void (c.lines[2]!.sandbox = { paired_phone: CONTACT, activated: true, daily_quota: 1 })) });
    try {
      await small.sim("clock", { now: DAY, freeze: true });
      const sandboxSend = () => small.api("POST", "/v1/messages", { body: { from: SANDBOX, to: CONTACT, text: "Hi" } });
      expect((await sandboxSend()).status).toBe(201);
      expect((await small.api("GET", "/v1/sandbox")).body.usage).toMatchObject({ used: 1, limit: 1, remaining: 0 });
      expect((await sandboxSend()).body.error.code).toBe("sandbox_quota_exceeded");
    } finally {
      await small.close();
    }
  });
});
