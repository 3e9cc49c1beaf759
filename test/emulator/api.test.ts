import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { conformanceProblems } from "./conformance.ts";
import { CONTACT, KEY, READONLY_KEY, SALES, SALES_KEY, SANDBOX, SUPPORT, TestEmulator, configWith } from "./harness.ts";

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await TestEmulator.start();
});
afterEach(() => emulator.sim("reset", {}));
afterAll(() => emulator.close());

const send = (body: Record<string, unknown>, key = KEY) => emulator.api("POST", "/v1/messages", { body, key });
const hello = { from: SUPPORT, to: CONTACT, text: "Hi there" };

describe("authentication", () => {
  it("answers a request with a known key", async () => {
    expect((await emulator.api("GET", "/v1/lines")).status).toBe(200);
  });

  it("refuses a request without an API key with 401 missing_api_key", async () => {
    const answer = await emulator.api("GET", "/v1/lines", { key: null });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe("missing_api_key");
  });

  it.each([["an unknown key", "Bearer sk_live_nope"], ["another scheme", `Basic ${KEY}`], ["an empty bearer", "Bearer "]])(
    "refuses %s with 401 invalid_api_key",
    async (_, authorization) => {
      const answer = await emulator.api("GET", "/v1/lines", { key: null, headers: { authorization } });
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe("invalid_api_key");
    },
  );

  it("lets a read-only key read", async () => {
    expect((await emulator.api("GET", "/v1/lines", { key: READONLY_KEY })).status).toBe(200);
  });

  it("refuses a write without its scope with 403 insufficient_scope", async () => {
    await emulator.inbound();
    const answer = await send(hello, READONLY_KEY);
    expect(answer.status).toBe(403);
    expect(answer.body.error).toMatchObject({ type: "authorization_error", code: "insufficient_scope" });
  });
});

describe("line restrictions", () => {
  it("shows a restricted key its own lines and the sandbox line only", async () => {
    const answer = await emulator.api("GET", "/v1/lines", { key: SALES_KEY });
    expect(answer.body.data.map((line: { handle: string }) => line.handle).sort()).toEqual([SANDBOX, SALES].sort());
  });

  it("lets a restricted key use its line and the sandbox line", async () => {
    for (const from of [SALES, SANDBOX]) expect((await emulator.api("GET", "/v1/chats", { key: SALES_KEY, query: { from } })).status).toBe(200);
  });

  it("refuses another line to a restricted key with 403 line_not_accessible", async () => {
    const answer = await emulator.api("GET", "/v1/chats", { key: SALES_KEY, query: { from: SUPPORT } });
    expect(answer.status).toBe(403);
    expect(answer.body.error).toMatchObject({ code: "line_not_accessible", param: "from" });
  });

  it("answers 404 line_not_found for a handle that is no line", async () => {
    const answer = await emulator.api("GET", "/v1/chats", { query: { from: "+15550000000" } });
    expect(answer.status).toBe(404);
    expect(answer.body.error).toMatchObject({ code: "line_not_found", param: "from" });
  });
});

describe("validation", () => {
  it("names a missing query parameter", async () => {
    const answer = await emulator.api("GET", "/v1/messages", { query: { from: SUPPORT } });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "missing_required_parameter", param: "to" });
  });

  it.each(["from", "to"])("refuses a %s whose '+' was sent bare, so arrived as a space, and says to send %2B", async (name) => {
    const query = (plus: string) => `from=${name === "from" ? plus : "%2B"}${SUPPORT.slice(1)}&to=${name === "to" ? plus : "%2B"}${CONTACT.slice(1)}`;
    const bare = await emulator.call("GET", `/v1/messages?${query("+")}`);
    expect(conformanceProblems("GET", "/v1/messages", bare)).toEqual([]);
    expect(bare.status).toBe(400);
    expect(bare.body.error).toMatchObject({ code: "invalid_parameter_value", param: name });
    expect(bare.body.error.message).toContain("%2B");
    // The same handles with the '+' encoded pass validation (there is no chat yet: 404 chat_not_found).
    const encoded = await emulator.api("GET", "/v1/messages", { query: { from: SUPPORT, to: CONTACT } });
    expect(encoded.body.error).toMatchObject({ code: "chat_not_found" });
  });

  it("refuses an ID with the wrong prefix with invalid_parameter_value", async () => {
    const answer = await emulator.api("GET", "/v1/outbox", { query: { id: "msg_abc123" } });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "invalid_parameter_value", param: "id" });
    expect(answer.body.error.message).toContain("obx_");
  });

  it.each([0, "ten"])("refuses limit=%s with invalid_parameter_value", async (limit) => {
    const answer = await emulator.api("GET", "/v1/chats", { query: { from: SUPPORT, limit } });
    expect(answer.body.error).toMatchObject({ code: "invalid_parameter_value", param: "limit" });
  });

  it("answers a limit above the largest page with the largest page", async () => {
    for (let i = 0; i < 101; i++) await emulator.inbound(`Message ${i}`);
    const { body } = await emulator.api("GET", "/v1/messages", { query: { from: SUPPORT, to: CONTACT, limit: 200 } });
    expect(body.data).toHaveLength(100);
    expect(body.has_more).toBe(true);
  });

  it("refuses two attachments with invalid_parameter_value on attachments", async () => {
    const answer = await send({ ...hello, attachments: ["file_a1", "file_b2"] });
    expect(answer.body.error).toMatchObject({ code: "invalid_parameter_value", param: "attachments" });
  });

  it("refuses a message with neither text nor attachment with missing_required_parameter", async () => {
    const answer = await send({ from: SUPPORT, to: CONTACT });
    expect(answer.body.error).toMatchObject({ code: "missing_required_parameter", param: "text" });
  });

  it("refuses a reaction type that is neither a tapback nor one emoji", async () => {
    const answer = await emulator.api("POST", "/v1/reactions", { body: { from: SUPPORT, to: CONTACT, message_id: "msg_a1", type: "a whole sentence of text" } });
    expect(answer.body.error).toMatchObject({ code: "invalid_parameter_value", param: "type" });
  });

  it("refuses a body that is not JSON with invalid_json", async () => {
    const answer = await emulator.api("POST", "/v1/messages", { raw: "{not json", headers: { "content-type": "application/json" } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("invalid_json");
  });

  it("refuses an unknown body field", async () => {
    const answer = await send({ ...hello, object: "message" });
    expect(answer.body.error).toMatchObject({ code: "invalid_parameter_value", param: "object" });
  });

  it("puts a req_ request_id on every answer, the redirect included", async () => {
    const error = await emulator.api("GET", "/v1/lines", { key: null });
    expect(error.body.request_id).toMatch(/^req_[A-Za-z0-9]+$/);
    const upload = await emulator.api("POST", "/v1/files", { raw: "x", headers: { "content-type": "text/plain" } });
    const redirect = await emulator.api("GET", "/v1/files", { query: { id: upload.body.id } });
    expect(redirect.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("answers an unknown route with 404 in the error envelope", async () => {
    const answer = await emulator.call("GET", "/v1/nothing");
    expect(answer.status).toBe(404);
    expect(answer.body.error.type).toBe("not_found_error");
  });
});

describe("sending and the outbox", () => {
  it("refuses a contact who never wrote with 403 contact_has_not_messaged on to", async () => {
    const answer = await send(hello);
    expect(answer.status).toBe(403);
    expect(answer.body.error).toMatchObject({ type: "invalid_request_error", code: "contact_has_not_messaged", param: "to" });
  });

  it("queues a message to a contact who wrote first, pending", async () => {
    await emulator.inbound();
    const answer = await send(hello);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ id: expect.stringMatching(/^obx_/), status: "pending" });
  });

  it("moves a write pending → claimed → sent on the clock, then shows the message in its chat", async () => {
    await emulator.sim("clock", { freeze: true });
    await emulator.inbound();
    const { body: queued } = await send(hello);
    const status = async () => (await emulator.api("GET", "/v1/outbox", { query: { id: queued.id } })).body;
    expect(await status()).toMatchObject({ status: "pending", attempts: 0, completed_at: null, payload: hello });
    await emulator.sim("clock", { advance_ms: 50 });
    expect(await status()).toMatchObject({ status: "claimed", attempts: 1 });
    await emulator.sim("clock", { advance_ms: 100 });
    const sent = await status();
    expect(sent).toMatchObject({ status: "sent", error: null, completed_at: expect.any(Number) });
    const { body: page } = await emulator.api("GET", "/v1/messages", { query: { from: SUPPORT, to: CONTACT } });
    expect(page.data[0]).toMatchObject({ text: "Hi there", is_from_me: true, outbox_id: queued.id, sender: SUPPORT });
    const { body: chats } = await emulator.api("GET", "/v1/chats", { query: { from: SUPPORT } });
    expect(chats.data[0].last_message_at).toBe(page.data[0].sent_at);
  });

  it("delivers a write in the background, without a flush or a clock change", async () => {
    await emulator.inbound();
    const { body: queued } = await send(hello);
    await vi.waitFor(async () => {
      expect((await emulator.api("GET", "/v1/outbox", { query: { id: queued.id } })).body.status).toBe("sent");
    }, { timeout: 10_000, interval: 25 });
  });

  it("ends a write failed, with its error, after max_attempts when a failure is injected", async () => {
    await emulator.inbound();
    await emulator.sim("failures", { count: 1, error: "Recipient is not reachable over iMessage." });
    const { body: failing } = await send(hello);
    const { body: next } = await send(hello);
    expect((await emulator.sim("outbox/flush")).body.processed).toBe(2);
    const failed = (await emulator.api("GET", "/v1/outbox", { query: { id: failing.id } })).body;
    expect(failed).toMatchObject({ status: "failed", attempts: 3, max_attempts: 3, error: "Recipient is not reachable over iMessage." });
    expect((await emulator.api("GET", "/v1/outbox", { query: { id: next.id } })).body).toMatchObject({ status: "sent", attempts: 1 });
    const { body: page } = await emulator.api("GET", "/v1/messages", { query: { from: SUPPORT, to: CONTACT } });
    expect(page.data.filter((m: { outbox_id: string | null }) => m.outbox_id === failing.id)).toEqual([]);
  });

  it("answers 404 outbox_item_not_found for an unknown outbox item", async () => {
    const answer = await emulator.api("GET", "/v1/outbox", { query: { id: "obx_unknown1" } });
    expect(answer.body.error).toMatchObject({ code: "outbox_item_not_found", param: "id" });
  });

  it("hides another line's outbox item from a restricted key", async () => {
    await emulator.inbound();
    const { body: queued } = await send(hello);
    const answer = await emulator.api("GET", "/v1/outbox", { key: SALES_KEY, query: { id: queued.id } });
    expect(answer.body.error.code).toBe("line_not_accessible");
  });

  it("threads a reply under a message by ID, and refuses an unknown one", async () => {
    const { body: question } = await emulator.inbound("Where is it?");
    expect((await send({ ...hello, reply_to: question.id })).status).toBe(201);
    await emulator.sim("outbox/flush");
    const { body: page } = await emulator.api("GET", "/v1/messages", { query: { from: SUPPORT, to: CONTACT } });
    expect(page.data[0].reply_to_guid).toBe(question.guid);
    const unknown = await send({ ...hello, reply_to: "msg_nope1" });
    expect(unknown.body.error).toMatchObject({ code: "message_not_found", param: "reply_to" });
  });

  it("writes to a group chat by chat ID once it has an inbound message, and 404s an unknown chat", async () => {
    await emulator.sim("inbound/messages", { line: SUPPORT, from: CONTACT, text: "Launch?", chat_id: "cht_launchcrew1", group_name: "Launch crew" });
    expect((await send({ from: SUPPORT, to: "cht_launchcrew1", text: "Thursday" })).status).toBe(201);
    const { body: chats } = await emulator.api("GET", "/v1/chats", { query: { from: SUPPORT } });
    expect(chats.data[0]).toMatchObject({ id: "cht_launchcrew1", is_group: true, name: "Launch crew", participants: [CONTACT] });
    const unknown = await send({ from: SUPPORT, to: "cht_nochat1", text: "Hi" });
    expect(unknown.body.error).toMatchObject({ code: "chat_not_found", param: "to" });
  });
});

describe("audio messages", () => {
  const upload = async () => (await emulator.api("POST", "/v1/files", { raw: "RIFF", headers: { "content-type": "audio/wav", "x-filename": "memo.wav" } })).body.id as string;

  it("sends a voice memo from a line with advanced features", async () => {
    await emulator.inbound();
    const answer = await emulator.api("POST", "/v1/audio-messages", { body: { from: SUPPORT, to: CONTACT, audio_message: await upload() } });
    expect(answer.status).toBe(201);
    await emulator.sim("outbox/flush");
    const { body: page } = await emulator.api("GET", "/v1/messages", { query: { from: SUPPORT, to: CONTACT } });
    expect(page.data[0]).toMatchObject({ is_audio_message: true, text: null, attachments: [{ filename: "memo.wav", mime_type: "audio/wav", size: 4 }] });
  });

  it("refuses a voice memo from an iMessage line without advanced features with advanced_features_required", async () => {
    await emulator.sim("sandbox/activate", {});
    const answer = await emulator.api("POST", "/v1/audio-messages", { body: { from: SANDBOX, to: CONTACT, audio_message: await upload() } });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "advanced_features_required", param: "from" });
  });

  it("refuses a voice memo from an SMS line with invalid_parameter_value on from", async () => {
    await emulator.inbound("Hi", CONTACT, SALES);
    const answer = await emulator.api("POST", "/v1/audio-messages", { body: { from: SALES, to: CONTACT, audio_message: await upload() } });
    expect(answer.body.error).toMatchObject({ code: "invalid_parameter_value", param: "from" });
  });

  it("answers 404 file_not_found for an unknown audio file", async () => {
    await emulator.inbound();
    const answer = await emulator.api("POST", "/v1/audio-messages", { body: { from: SUPPORT, to: CONTACT, audio_message: "file_nope1" } });
    expect(answer.body.error).toMatchObject({ code: "file_not_found", param: "audio_message" });
  });
});

describe("pagination", () => {
  const page = (query: Record<string, string | number>) => emulator.api("GET", "/v1/messages", { query: { from: SUPPORT, to: CONTACT, ...query } });

  it("pages newest first with opaque cursors, stable while new messages arrive", async () => {
    for (const n of [1, 2, 3, 4, 5]) await emulator.inbound(`message ${n}`);
    const first = (await page({ limit: 2 })).body;
    expect(first.data.map((m: { text: string }) => m.text)).toEqual(["message 5", "message 4"]);
    expect(first).toMatchObject({ has_more: true, next_cursor: expect.any(String) });
    await emulator.inbound("message 6");
    const second = (await page({ limit: 2, cursor: first.next_cursor })).body;
    expect(second.data.map((m: { text: string }) => m.text)).toEqual(["message 3", "message 2"]);
    const last = (await page({ limit: 2, cursor: second.next_cursor })).body;
    expect(last).toMatchObject({ has_more: false, next_cursor: null });
    expect(last.data.map((m: { text: string }) => m.text)).toEqual(["message 1"]);
  });

  it("returns 50 items when no limit is given", async () => {
    for (let n = 0; n < 55; n += 1) await emulator.inbound(`message ${n}`);
    const first = (await page({})).body;
    expect(first.data).toHaveLength(50);
    expect(first.has_more).toBe(true);
  });

  it("refuses a cursor it did not make with invalid_parameter_value on cursor", async () => {
    await emulator.inbound();
    const answer = await page({ cursor: "eyJub3QiOiJvdXJzIn0" });
    expect(answer.body.error).toMatchObject({ code: "invalid_parameter_value", param: "cursor" });
  });
});

describe("files", () => {
  it("stores an upload and redirects its download to a URL that serves the bytes", async () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x42]);
    const upload = await emulator.api("POST", "/v1/files", { raw: bytes, headers: { "content-type": "image/jpeg", "x-filename": "photo.jpg" } });
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ id: expect.stringMatching(/^file_/), filename: "photo.jpg", mime_type: "image/jpeg", size: 5 });
    const redirect = await emulator.api("GET", "/v1/files", { query: { id: upload.body.id } });
    expect(redirect.status).toBe(302);
    const download = await fetch(redirect.headers.get("location")!);
    expect(download.headers.get("content-type")).toBe("image/jpeg");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
  });

  it("refuses an empty upload with empty_file", async () => {
    const answer = await emulator.api("POST", "/v1/files", { raw: "" });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("empty_file");
  });

  it("answers 404 file_not_found for an unknown file", async () => {
    const answer = await emulator.api("GET", "/v1/files", { query: { id: "file_nope1" } });
    expect(answer.body.error).toMatchObject({ code: "file_not_found", param: "id" });
  });

  it("attaches an uploaded file to a message, and 404s an unknown attachment", async () => {
    await emulator.inbound();
    const { body: file } = await emulator.api("POST", "/v1/files", { raw: "%PDF", headers: { "content-type": "application/pdf", "x-filename": "invoice.pdf" } });
    expect((await send({ from: SUPPORT, to: CONTACT, attachments: [file.id] })).status).toBe(201);
    await emulator.sim("outbox/flush");
    const { body: page } = await emulator.api("GET", "/v1/messages", { query: { from: SUPPORT, to: CONTACT } });
    expect(page.data[0]).toMatchObject({ text: null, attachments: [{ filename: "invoice.pdf", url: file.url, size: 4 }] });
    const unknown = await send({ from: SUPPORT, to: CONTACT, attachments: ["file_nope1"] });
    expect(unknown.body.error).toMatchObject({ code: "file_not_found", param: "attachments" });
  });
});

describe("reactions, typing and receipts", () => {
  it("records a sent tapback as a reaction from the line", async () => {
    const { body: message } = await emulator.inbound();
    expect((await emulator.api("POST", "/v1/reactions", { body: { from: SUPPORT, to: CONTACT, message_id: message.guid, type: "love" } })).status).toBe(201);
    await emulator.sim("outbox/flush");
    const { body: list } = await emulator.api("GET", "/v1/reactions", { query: { message_id: message.id } });
    expect(list.data).toEqual([expect.objectContaining({ type: "love", sender: SUPPORT, is_from_me: true, added: true })]);
  });

  it("accepts one emoji as a tapback, as the official CLI sends it", async () => {
    const { body: message } = await emulator.inbound();
    expect((await emulator.api("POST", "/v1/reactions", { body: { from: SUPPORT, to: CONTACT, message_id: message.id, type: "🎉" } })).status).toBe(201);
    await emulator.sim("outbox/flush");
    const { body: list } = await emulator.api("GET", "/v1/reactions", { query: { message_id: message.id } });
    expect(list.data).toEqual([expect.objectContaining({ type: "🎉", is_from_me: true })]);
  });

  it("lists a contact's removed tapback with added: false", async () => {
    const { body: message } = await emulator.inbound();
    await emulator.sim("inbound/reactions", { line: SUPPORT, from: CONTACT, message_id: message.id, type: "like" });
    await emulator.sim("inbound/reactions", { line: SUPPORT, from: CONTACT, message_id: message.id, type: "like", added: false });
    const { body: list } = await emulator.api("GET", "/v1/reactions", { query: { message_id: message.id } });
    expect(list.data).toEqual([expect.objectContaining({ type: "like", sender: CONTACT, added: false })]);
  });

  it("answers 404 message_not_found for reactions on an unknown message", async () => {
    const answer = await emulator.api("GET", "/v1/reactions", { query: { message_id: "msg_nope1" } });
    expect(answer.body.error).toMatchObject({ code: "message_not_found", param: "message_id" });
  });

  it("shows the line's typing bubble and read receipt once sent, beside the contact's", async () => {
    await emulator.inbound();
    await emulator.sim("inbound/typing", { line: SUPPORT, from: CONTACT });
    await emulator.api("POST", "/v1/typing", { body: { from: SUPPORT, to: CONTACT } });
    await emulator.api("POST", "/v1/receipts", { body: { from: SUPPORT, to: CONTACT } });
    await emulator.sim("outbox/flush");
    const { body: typing } = await emulator.api("GET", "/v1/typing", { query: { from: SUPPORT, to: CONTACT } });
    expect(typing.data.map((t: { handle: string; is_typing: boolean }) => [t.handle, t.is_typing]).sort()).toEqual([[CONTACT, true], [SUPPORT, true]].sort());
    const { body: receipts } = await emulator.api("GET", "/v1/receipts", { query: { from: SUPPORT, to: CONTACT } });
    expect(receipts.data).toEqual([expect.objectContaining({ handle: SUPPORT })]);
  });

  it("answers 404 chat_not_found when listing typing in a chat that does not exist", async () => {
    const answer = await emulator.api("GET", "/v1/typing", { query: { from: SUPPORT, to: "+15550001111" } });
    expect(answer.body.error).toMatchObject({ code: "chat_not_found", param: "to" });
  });
});

describe("webhook management", () => {
  const create = () => emulator.api("POST", "/v1/webhooks", { body: { from: SUPPORT, url: "http://127.0.0.1:9/hook", events: ["message.received"] } });

  it("returns the signing secret once, at creation, and never in the list", async () => {
    const { body: webhook } = await create();
    expect(webhook.secret).toMatch(/^whsec_/);
    const { body: list } = await emulator.api("GET", "/v1/webhooks", { query: { from: SUPPORT } });
    expect(list.data).toEqual([expect.not.objectContaining({ secret: expect.anything() })]);
    expect(list.data[0].id).toBe(webhook.id);
  });

  it("deletes a webhook, then answers 404 webhook_not_found", async () => {
    const { body: webhook } = await create();
    expect((await emulator.api("DELETE", "/v1/webhooks", { body: { id: webhook.id } })).body).toMatchObject({ id: webhook.id, deleted: true });
    const again = await emulator.api("DELETE", "/v1/webhooks", { body: { id: webhook.id } });
    expect(again.body.error).toMatchObject({ code: "webhook_not_found", param: "id" });
  });

  it.each([{}, { from: "" }])("creates a webhook for every line without a line (%o), listed under each line", async (from) => {
    const { body: webhook } = await emulator.api("POST", "/v1/webhooks", { body: { ...from, url: "http://127.0.0.1:9/hook", events: ["message.received"] } });
    const { body: lines } = await emulator.api("GET", "/v1/lines");
    expect(webhook.line_ids.sort()).toEqual(lines.data.map((line: { id: string }) => line.id).sort());
    for (const handle of [SUPPORT, SALES]) {
      const { body: list } = await emulator.api("GET", "/v1/webhooks", { query: { from: handle } });
      expect(list.data.map((w: { id: string }) => w.id)).toEqual([webhook.id]);
    }
  });

  it("refuses a webhook for every line from a line-restricted key, with line_not_accessible on from", async () => {
    const answer = await emulator.api("POST", "/v1/webhooks", { body: { url: "http://127.0.0.1:9/hook", events: ["message.received"] }, key: SALES_KEY });
    expect(answer.body.error).toMatchObject({ code: "line_not_accessible", param: "from" });
  });

  it("refuses an event the API does not deliver with invalid_parameter_value on events", async () => {
    const answer = await emulator.api("POST", "/v1/webhooks", { body: { from: SUPPORT, url: "https://example.com/hook", events: ["typing.started"] } });
    expect(answer.body.error).toMatchObject({ code: "invalid_parameter_value", param: "events" });
  });
});

describe("the sandbox line", () => {
  it("refuses writes before activation with 403 sandbox_not_activated", async () => {
    const answer = await send({ from: SANDBOX, to: CONTACT, text: "Hi" });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe("sandbox_not_activated");
  });

  it("once activated, sends to the paired phone without contact-first", async () => {
    await emulator.sim("sandbox/activate", {});
    expect((await send({ from: SANDBOX, to: CONTACT, text: "Hi" })).status).toBe(201);
  });

  it("refuses anyone but the paired phone with 400 sandbox_contact_mismatch", async () => {
    await emulator.sim("sandbox/activate", {});
    const answer = await send({ from: SANDBOX, to: "+15550002222", text: "Hi" });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "sandbox_contact_mismatch", param: "to" });
  });
});

describe("quotas", () => {
  it("stops the sandbox at its daily quota with 429 sandbox_quota_exceeded until midnight UTC", async () => {
    const small = await TestEmulator.start({ config: configWith((c) => void (c.lines[2]!.sandbox = { paired_phone: CONTACT, activated: true, daily_quota: 2 })) });
    try {
      const day = Date.UTC(2030, 0, 1, 22, 0);
      await small.sim("clock", { now: day, freeze: true });
      const sandboxSend = () => small.api("POST", "/v1/messages", { body: { from: SANDBOX, to: CONTACT, text: "Hi" } });
      expect((await sandboxSend()).status).toBe(201);
      expect((await sandboxSend()).status).toBe(201);
      const refused = await sandboxSend();
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe("sandbox_quota_exceeded");
      expect(refused.headers.get("retry-after")).toBe(String(2 * 3600));
      await small.sim("clock", { advance_ms: 2 * 3600 * 1000 });
      expect((await sandboxSend()).status).toBe(201);
    } finally {
      await small.close();
    }
  });

  it("limits each key per hour with 429 rate_limit_exceeded and Retry-After, and lets other keys on", async () => {
    const limited = await TestEmulator.start({ config: configWith((c) => void (c.rate_limit = { requests_per_hour: 3 })) });
    try {
      await limited.sim("clock", { freeze: true });
      for (let n = 0; n < 3; n += 1) expect((await limited.api("GET", "/v1/lines")).status).toBe(200);
      const refused = await limited.api("GET", "/v1/lines");
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe("rate_limit_exceeded");
      expect(refused.headers.get("retry-after")).toBe("3600");
      expect((await limited.api("GET", "/v1/lines", { key: READONLY_KEY })).status).toBe(200);
      await limited.sim("clock", { advance_ms: 3600 * 1000 });
      expect((await limited.api("GET", "/v1/lines")).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
