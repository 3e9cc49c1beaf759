// The generated client against the emulator, unchanged: the typed client, the functions named
// after the operations, pagination, raw uploads and the 302, and typed errors, over real HTTP. Once
// against full answers, once against sparse ones (every optional field left out).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/index.ts";
import {
  createClient,
  createSandbox,
  getFileUrl,
  getSandbox,
  getOutboxItem,
  listMessages,
  NotFoundError,
  paginate,
  RateLimitError,
  sendMessage,
  uploadFile,
  type MessagesClient,
} from "../../src/index.ts";

const LINE = "+15551234567";
const CONTACT = "+15559876543";

describe.each([{ answers: "full", sparse: false }, { answers: "sparse", sparse: true }])("the client against the emulator, $answers answers", ({ sparse }) => {
  let emulator: RunningEmulator;
  let client: MessagesClient;
  const simulate = (path: string, body: object = {}) => fetch(`${emulator.url}/_emulator/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, sparse });
    client = createClient({ apiKey: "sk_live_emulator", baseUrl: emulator.url, maxRetries: 0 });
    await simulate("inbound/messages", { line: LINE, from: CONTACT, text: "Is my order on its way?" });
  });
  afterAll(() => emulator.close());

  it("takes the sandbox from missing to active through the named functions and the typed client", async () => {
    expect((await client.GET("/v1/sandbox")).data?.status).toBe("missing");
    const pending = await createSandbox({ client });
    expect(pending.status).toBe("pending");
    if (!sparse) expect(pending.activation_code).toEqual(expect.any(String));
    await simulate("sandbox/activate");
    expect((await getSandbox({ client })).status).toBe("active");
  });

  it("lists lines through the typed client", async () => {
    const { data } = await client.GET("/v1/lines");
    expect(data?.data.map((line) => line.handle)).toContain(LINE);
  });

  it("sends a message with a named function, and finds it in the chat once sent", async () => {
    const queued = await sendMessage({ from: LINE, to: CONTACT, text: "Yes! It ships today." }, { client });
    expect(queued.status).toBe("pending");
    await simulate("outbox/flush");
    expect((await getOutboxItem({ id: queued.id }, { client })).status).toBe("sent");
    const { data } = await listMessages({ from: LINE, to: CONTACT }, { client });
    expect(data[0]).toMatchObject({ is_from_me: true, ...(!sparse && { outbox_id: queued.id, text: "Yes! It ships today." }) });
    if (sparse) expect(Object.keys(data[0]!)).not.toContain("text");
  });

  it("pages through a chat with paginate", async () => {
    for (let i = 0; i < 3; i++) await simulate("inbound/messages", { line: LINE, from: CONTACT, text: `Message ${i}` });
    const all: string[] = [];
    for await (const message of paginate(listMessages, { from: LINE, to: CONTACT, limit: 2 }, { client })) all.push(message.id);
    const { data } = await listMessages({ from: LINE, to: CONTACT, limit: 100 }, { client });
    expect(all).toEqual(data.map((message) => message.id));
    expect(all.length).toBeGreaterThan(2);
  });

  it("uploads raw bytes, and reads them back through the 302", async () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]);
    const file = await uploadFile(new Blob([bytes], { type: "image/jpeg" }), { "X-Filename": "photo.jpg" }, { client });
    expect(file).toMatchObject({ mime_type: "image/jpeg", size: bytes.length, ...(!sparse && { filename: "photo.jpg" }) });
    const url = await getFileUrl({ id: file.id }, { client });
    expect(new Uint8Array(await (await fetch(url)).arrayBuffer())).toEqual(bytes);
  });

  it("throws the typed error the emulator's envelope calls for", async () => {
    const error = await getOutboxItem({ id: "obx_0unknown0" }, { client }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: "outbox_item_not_found", param: "id" });
    expect(error).not.toBeInstanceOf(RateLimitError);
  });
});
