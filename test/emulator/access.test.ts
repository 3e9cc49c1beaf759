// What keeps a web page, a rebinding DNS name or the emulator's own webhook deliveries from driving
// it, and the errors that used to be bare 500s.
import { afterEach, describe, expect, it } from "vitest";
import { contentDisposition } from "../../emulator/simulation/endpoints.ts";
import { CONTACT, KEY, SALES, SALES_KEY, TestEmulator, configWith, raw } from "./harness.ts";

let emulator: TestEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const json = { "content-type": "application/json" };
const inbound = JSON.stringify({ line: SALES, from: CONTACT, text: "Hi" });

describe("the Host header", () => {
  it("is refused, on /v1 and /_emulator alike, when it is not a loopback name", async () => {
    emulator = await TestEmulator.start();
    for (const path of ["/v1/lines", "/_emulator/clock"]) {
      const answer = await raw(emulator.url, "GET", path, { host: "attacker.example:4020", authorization: `Bearer ${KEY}` });
      expect(answer).toMatchObject({ status: 403, body: { error: { type: "authorization_error", code: "host_not_allowed" }, request_id: expect.stringMatching(/^req_/) } });
    }
  });

  it("is accepted when it is a loopback name, or allow-listed in the config", async () => {
    emulator = await TestEmulator.start({ config: configWith((c) => void (c.access = { hosts: ["emulator"] })) });
    for (const host of ["localhost:4020", "127.0.0.1", "[::1]:4020", "app.localhost", "emulator:4020"]) {
      expect([host, (await raw(emulator.url, "GET", "/v1/lines", { host, authorization: `Bearer ${KEY}` })).status]).toEqual([host, 200]);
    }
  });
});

describe("the simulation endpoints", () => {
  it("refuse a page from another origin, preflight included, and change nothing", async () => {
    emulator = await TestEmulator.start();
    const origin = { origin: "https://attacker.example" };
    expect(await raw(emulator.url, "POST", "/_emulator/inbound/messages", { ...json, ...origin }, inbound)).toMatchObject({ status: 403, body: { error: { code: "origin_not_allowed" } } });
    expect((await raw(emulator.url, "OPTIONS", "/_emulator/reset", { ...origin, "access-control-request-method": "POST" })).status).toBe(403);
    expect((await emulator.api("GET", "/v1/chats", { key: SALES_KEY, query: { from: SALES } })).body.data).toEqual([]);
  });

  it("accept a page on loopback (any port) or from an allow-listed origin", async () => {
    emulator = await TestEmulator.start({ config: configWith((c) => void (c.access = { origins: ["http://devbox:5173"] })) });
    for (const origin of ["http://localhost:5173", "http://127.0.0.1:3000", "http://devbox:5173"]) {
      expect([origin, (await raw(emulator.url, "POST", "/_emulator/inbound/messages", { ...json, origin }, inbound)).status]).toEqual([origin, 201]);
    }
  });

  it("refuse a body that is not declared JSON, which a cross-origin form could send without a preflight", async () => {
    emulator = await TestEmulator.start();
    for (const type of ["text/plain", "application/x-www-form-urlencoded"]) {
      const answer = await raw(emulator.url, "POST", "/_emulator/inbound/messages", { "content-type": type }, inbound);
      expect(answer).toMatchObject({ status: 400, body: { error: { code: "invalid_parameter_value" } } });
    }
    expect((await emulator.api("GET", "/v1/chats", { key: SALES_KEY, query: { from: SALES } })).body.data).toEqual([]);
  });

  it("cannot be reached by the emulator's own webhook delivery: a line-restricted key cannot wipe the state", async () => {
    emulator = await TestEmulator.start();
    await emulator.inbound("Hello?");
    await emulator.api("POST", "/v1/webhooks", { key: SALES_KEY, body: { from: SALES, url: `${emulator.url}/_emulator/reset`, events: ["message.received"] } });
    expect((await emulator.sim("inbound/messages", { line: SALES, from: CONTACT, text: "Hi" })).status).toBe(201);
    await emulator.sim("outbox/flush");
    const [delivery] = (await emulator.sim("webhook-deliveries")).body.data as { last_status_code: number | null }[];
    expect(delivery?.last_status_code).toBe(403);
    expect((await emulator.api("GET", "/v1/chats", { query: { from: "+15551234567" } })).body.data).toHaveLength(1);
  });

  it("keep /v1's CORS as the API documents it: any origin may preflight", async () => {
    emulator = await TestEmulator.start();
    const answer = await raw(emulator.url, "OPTIONS", "/v1/lines", { origin: "https://app.example", "access-control-request-method": "GET" });
    expect(answer.status).toBe(204);
    expect(answer.headers["access-control-allow-origin"]).toBe("*");
  });
});

describe("errors that were bare 500s", () => {
  it("answer a storage URL with a malformed escape with the 404 envelope", async () => {
    emulator = await TestEmulator.start();
    for (const path of ["/_emulator/storage/%", "/_emulator/storage/%zz"]) {
      expect(await raw(emulator.url, "GET", path, {})).toMatchObject({ status: 404, body: { error: { code: "file_not_found" }, request_id: expect.stringMatching(/^req_/) } });
    }
  });

  it("name a download in RFC 6266's filename* form, whatever its characters", async () => {
    expect(contentDisposition("😀 report.png")).toBe(`inline; filename="__ report.png"; filename*=UTF-8''%F0%9F%98%80%20report.png`);
    expect(contentDisposition(`a"b\\c.txt`)).toBe(`inline; filename="a_b_c.txt"; filename*=UTF-8''a%22b%5Cc.txt`);
    emulator = await TestEmulator.start();
    const { body } = await emulator.api("POST", "/v1/files", { raw: new Uint8Array([1, 2, 3]), headers: { "content-type": "image/png", "x-filename": "caf\u00e9.png" } });
    const download = await fetch(String(body.url));
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toBe(`inline; filename="caf_.png"; filename*=UTF-8''caf%C3%A9.png`);
  });
});

describe("getFile with a key restricted to one line", () => {
  const upload = (key: string) => emulator!.api("POST", "/v1/files", { key, raw: new Uint8Array([1, 2, 3]), headers: { "content-type": "image/png" } });
  const resolve = (key: string, id: string) => emulator!.api("GET", "/v1/files", { key, query: { id } });

  it("answers 404 for a file only other lines have seen, and resolves its own uploads", async () => {
    emulator = await TestEmulator.start();
    const theirs = (await upload(KEY)).body.id as string;
    const mine = (await upload(SALES_KEY)).body.id as string;
    expect((await resolve(KEY, theirs)).status).toBe(302);
    expect(await resolve(SALES_KEY, theirs)).toMatchObject({ status: 404, body: { error: { code: "file_not_found", param: "id" } } });
    expect((await resolve(SALES_KEY, mine)).status).toBe(302);
  });

  it("resolves a file attached to a message on its line", async () => {
    emulator = await TestEmulator.start();
    const file = (await upload(KEY)).body.id as string;
    await emulator.sim("inbound/messages", { line: SALES, from: CONTACT, text: "Hi" });
    expect((await emulator.api("POST", "/v1/messages", { body: { from: SALES, to: CONTACT, attachments: [file] } })).status).toBe(201);
    await emulator.sim("outbox/flush");
    expect((await resolve(SALES_KEY, file)).status).toBe(302);
  });
});
