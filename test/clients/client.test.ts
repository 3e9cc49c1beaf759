// The typed client against a scripted local HTTP server: auth, retries and their timing (fake
// timers), typed errors, pagination, raw uploads, the 302 and the timeout.
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AuthenticationError,
  AuthorizationError,
  ConnectionError,
  InvalidRequestError,
  InvalidResponseError,
  MessagesError,
  NotFoundError,
  PaginationError,
  RateLimitError,
  ServerError,
  TimeoutError,
  createClient,
  getFile,
  getFileUrl,
  listMessages,
  paginate,
  uploadFile,
  type ClientOptions,
  type MessagesClient,
} from "../../src/index.ts";
import { errorExample, example } from "./support/spec.ts";
import { nodeHttpFetch, startServer, type Reply, type ScriptedServer } from "./support/server.ts";

const API_KEY = "sk_live_0123456789secret";
const lines = example("listLines", "200");

let server: ScriptedServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  vi.unstubAllEnvs();
  await server.close();
});

/** A client on the test server whose fetch calls are counted; over node:http when timers are fake. */
function clientWithCalls(options: ClientOptions = {}): { client: MessagesClient; calls: () => number } {
  let calls = 0;
  const send = vi.isFakeTimers() ? nodeHttpFetch : globalThis.fetch;
  const client = createClient({
    apiKey: API_KEY,
    baseUrl: server.url,
    fetch: (request) => {
      calls++;
      return send(request);
    },
    ...options,
  });
  return { client, calls: () => calls };
}

/** Waits, without moving fake time, until `predicate` holds. */
async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setImmediate(resolve));
}

/** Fake setTimeout, recording the delays the client asks for. */
function fakeTimers(options: { now?: number } = {}): { delays: number[] } {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], now: options.now ?? 0 });
  const delays: number[] = [];
  const fake = globalThis.setTimeout;
  vi.spyOn(globalThis, "setTimeout").mockImplementation(((callback: () => void, ms?: number) => {
    delays.push(ms ?? 0);
    return fake(callback, ms);
  }) as typeof setTimeout);
  return { delays };
}

describe("authentication", () => {
  it("sends the API key as a bearer token, with the client's default headers", async () => {
    server.reply({ status: 200, body: lines });
    const { client } = clientWithCalls({ headers: { "X-App": "tests" } });
    await client.GET("/v1/lines");
    expect(server.requests[0]?.headers).toMatchObject({ authorization: `Bearer ${API_KEY}`, "x-app": "tests" });
  });

  it("takes the key from MESSAGES_API_KEY when none is passed", async () => {
    vi.stubEnv("MESSAGES_API_KEY", "sk_live_from_env");
    server.reply({ status: 200, body: lines });
    await createClient({ baseUrl: server.url }).GET("/v1/lines");
    expect(server.requests[0]?.headers.authorization).toBe("Bearer sk_live_from_env");
  });

  it("refuses to create a client without a key, saying where to put one", () => {
    vi.stubEnv("MESSAGES_API_KEY", "");
    expect(() => createClient({ baseUrl: server.url })).toThrow(/apiKey.*MESSAGES_API_KEY/);
  });

  it("never shows the key in the client or in an error", async () => {
    server.reply({ status: 401, body: errorExample("401") });
    const { client } = clientWithCalls();
    const error = await client.GET("/v1/lines").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    for (const shown of [inspect(client, { depth: 8, showHidden: true }), inspect(error, { depth: 8, showHidden: true }), JSON.stringify(error)]) {
      expect(shown).not.toContain(API_KEY);
    }
  });
});

describe("retries", () => {
  /** Scripts `first`, then a success, and checks that the retry goes out exactly `ms` later. */
  async function expectRetryAfter(ms: number, first: Reply, delays: number[]): Promise<void> {
    server.reply(first, { status: 200, body: lines });
    const { client, calls } = clientWithCalls({ timeout: 10_000 });
    const result = client.GET("/v1/lines");
    await until(() => delays.includes(ms));
    await vi.advanceTimersByTimeAsync(ms - 1);
    expect(calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toMatchObject({ data: lines });
    expect(calls()).toBe(2);
  }

  it("retries a 429 after the Retry-After seconds", async () => {
    const { delays } = fakeTimers();
    await expectRetryAfter(2000, { status: 429, headers: { "Retry-After": "2" }, body: errorExample("429") }, delays);
  });

  it("retries after a Retry-After given as an HTTP date", async () => {
    const now = Date.UTC(2026, 10, 26, 12, 0, 0);
    const { delays } = fakeTimers({ now });
    await expectRetryAfter(3000, { status: 503, headers: { "Retry-After": new Date(now + 3000).toUTCString() }, body: errorExample("500") }, delays);
  });

  it("backs off exponentially with full jitter on 5xx, then succeeds", async () => {
    const { delays } = fakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    server.reply({ status: 500, body: errorExample("500") }, { status: 502, body: "<html>Bad gateway</html>" }, { status: 200, body: lines });
    const { client, calls } = clientWithCalls({ timeout: 10_000 });
    const result = client.GET("/v1/lines");
    await until(() => delays.includes(250));
    await vi.advanceTimersByTimeAsync(250);
    await until(() => delays.includes(500));
    await vi.advanceTimersByTimeAsync(500);
    await expect(result).resolves.toMatchObject({ data: lines });
    expect(calls()).toBe(3);
    // 10 s arms each attempt's timeout, and each read of a body; the rest are the backoffs.
    expect(delays.filter((delay) => delay !== 10_000)).toEqual([250, 500]);
    expect(delays.filter((delay) => delay === 10_000).length).toBeGreaterThanOrEqual(3);
  });

  it("retries a connection that dropped without an answer, after a jittered backoff", async () => {
    const { delays } = fakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    await expectRetryAfter(250, "reset", delays);
  });

  it("gives up after maxRetries and throws the last error", async () => {
    server.reply({ status: 500, body: errorExample("500") });
    vi.spyOn(Math, "random").mockReturnValue(0);
    const { client, calls } = clientWithCalls({ maxRetries: 2 });
    await expect(client.GET("/v1/lines")).rejects.toBeInstanceOf(ServerError);
    expect(calls()).toBe(3);
  });

  it("throws a dropped connection as a ConnectionError once retries are spent", async () => {
    server.reply("reset");
    const { client, calls } = clientWithCalls({ maxRetries: 0 });
    await expect(client.GET("/v1/lines")).rejects.toBeInstanceOf(ConnectionError);
    expect(calls()).toBe(1);
  });

  it("does not retry a 400", async () => {
    server.reply({ status: 400, body: errorExample("400") }, { status: 200, body: lines });
    const { client, calls } = clientWithCalls();
    await expect(client.GET("/v1/lines")).rejects.toBeInstanceOf(InvalidRequestError);
    expect(calls()).toBe(1);
  });

  it("does not wait for a Retry-After longer than a minute: it throws at once", async () => {
    server.reply({ status: 429, headers: { "Retry-After": "3600" }, body: errorExample("429") }, { status: 200, body: lines });
    const { client, calls } = clientWithCalls();
    await expect(client.GET("/v1/lines")).rejects.toMatchObject({ name: "RateLimitError", retryAfter: 3600 });
    expect(calls()).toBe(1);
  });
});

describe("typed errors", () => {
  const cases: Array<[number, string, typeof MessagesError]> = [
    [400, "400", InvalidRequestError],
    [401, "401", AuthenticationError],
    [403, "403", AuthorizationError],
    [404, "404", NotFoundError],
    [422, "400", InvalidRequestError],
    [429, "429", RateLimitError],
    [500, "500", ServerError],
    [503, "500", ServerError],
  ];

  it.each(cases)("throws %i as its typed error, with the envelope's fields", async (status, documented, ErrorClass) => {
    const body = errorExample(documented) as { error: { type: string; code: string; message: string; param?: string }; request_id: string };
    server.reply({ status, headers: { "Retry-After": "30" }, body });
    const { client } = clientWithCalls({ maxRetries: 0 });
    const error = await client.GET("/v1/lines").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(MessagesError);
    expect(error).toMatchObject({
      status,
      type: body.error.type,
      code: body.error.code,
      message: body.error.message,
      param: body.error.param,
      requestId: body.request_id,
    });
    if (error instanceof RateLimitError) expect(error.retryAfter).toBe(30);
  });

  it("keeps the contact-first 403 an AuthorizationError with its invalid_request_error type", async () => {
    server.reply({ status: 403, body: example("sendMessage", "403") });
    const { client } = clientWithCalls({ maxRetries: 0 });
    const error = await client.GET("/v1/lines").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthorizationError);
  });

  it("gives a useful error when the body is not JSON", async () => {
    server.reply({ status: 502, body: "<html><h1>502 Bad Gateway</h1></html>" });
    const { client } = clientWithCalls({ maxRetries: 0 });
    const error = await client.GET("/v1/lines").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 502, type: "api_error", code: undefined, requestId: undefined });
    expect((error as Error).message).toMatch(/HTTP 502 Bad Gateway.*not an API error.*<h1>502 Bad Gateway/);
  });

  it("gives a useful error when the body is empty", async () => {
    server.reply({ status: 404 });
    const { client } = clientWithCalls({ maxRetries: 0 });
    await expect(client.GET("/v1/lines")).rejects.toMatchObject({ name: "NotFoundError", message: "HTTP 404 Not Found with an empty body." });
  });
});

describe("pagination", () => {
  const page = (ids: string[], next: string | null) => ({ status: 200, body: { data: ids.map((id) => ({ id })), has_more: next !== null, next_cursor: next, request_id: "req_a1" } });

  it("iterates over every item across 3 pages, following next_cursor", async () => {
    server.reply(page(["msg_1", "msg_2"], "c2"), page(["msg_3"], "c3"), page(["msg_4"], null));
    const { client } = clientWithCalls();
    const ids: string[] = [];
    for await (const message of paginate(listMessages, { from: "+15551234567", to: "+15559876543" }, { client })) ids.push(message.id);
    expect(ids).toEqual(["msg_1", "msg_2", "msg_3", "msg_4"]);
    expect(server.requests.map(({ url }) => url.searchParams.get("cursor"))).toEqual([null, "c2", "c3"]);
    expect(server.requests.every(({ url }) => url.searchParams.get("to") === "+15559876543")).toBe(true);
  });

  it("stops after one request when the first page has no next_cursor", async () => {
    server.reply(page(["msg_1"], null), page(["msg_2"], null));
    const { client } = clientWithCalls();
    const ids: string[] = [];
    for await (const message of paginate(listMessages, { from: "+15551234567", to: "+15559876543" }, { client })) ids.push(message.id);
    expect(ids).toEqual(["msg_1"]);
    expect(server.requests).toHaveLength(1);
  });

  it("stops with a PaginationError when the list answers a cursor it answered before", async () => {
    server.reply(page(["msg_1"], "c2"), page(["msg_2"], "c3"), page(["msg_3"], "c2"));
    const { client } = clientWithCalls();
    const ids: string[] = [];
    const iterate = async () => {
      for await (const message of paginate(listMessages, { from: "+15551234567", to: "+15559876543" }, { client })) ids.push(message.id);
    };
    const error = await iterate().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toBeInstanceOf(MessagesError);
    expect(ids).toEqual(["msg_1", "msg_2", "msg_3"]);
    expect(server.requests).toHaveLength(3);
  });

  it("stops after maxPages pages when asked to", async () => {
    server.reply(page(["msg_1"], "c2"), page(["msg_2"], "c3"), page(["msg_3"], null));
    const { client } = clientWithCalls();
    const ids: string[] = [];
    for await (const message of paginate(listMessages, { from: "+15551234567", to: "+15559876543" }, { client }, { maxPages: 2 })) ids.push(message.id);
    expect(ids).toEqual(["msg_1", "msg_2"]);
    expect(server.requests).toHaveLength(2);
  });
});

describe("failures while the body arrives", () => {
  const json = { "Content-Type": "application/json" };

  it("throws a 2xx body that is not JSON as an InvalidResponseError with the status and an excerpt", async () => {
    server.reply({ status: 200, body: `<html>${"Sign in to the proxy. ".repeat(40)}</html>` });
    const { client } = clientWithCalls({ maxRetries: 0 });
    const error = await client.GET("/v1/lines").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toBeInstanceOf(MessagesError);
    expect(error).toMatchObject({ status: 200, message: expect.stringContaining("HTTP 200 OK, and the body is not JSON: <html>Sign in to the proxy.") });
    expect((error as Error).message.length).toBeLessThan(300);
  });

  it("throws a connection cut in the middle of the body as a ConnectionError, which is a MessagesError", async () => {
    server.reply({ raw: (response) => {
      response.writeHead(200, json);
      response.write('{"data": [{"id": "ln_');
      setImmediate(() => response.socket?.destroy());
    } });
    const { client } = clientWithCalls({ maxRetries: 0 });
    const error = await client.GET("/v1/lines").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toBeInstanceOf(MessagesError);
    expect(error).toMatchObject({ status: 0 });
  });

  it("throws a body that stops flowing as a TimeoutError", async () => {
    server.reply({ raw: (response) => {
      response.writeHead(200, json);
      response.write('{"data": [');
    } });
    const { client } = clientWithCalls({ maxRetries: 0, timeout: 200 });
    const error = await client.GET("/v1/lines").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(MessagesError);
  });

  it("lets a download that keeps flowing take longer in all than the timeout", async () => {
    const chunks = 20;
    server.reply({ raw: (response) => {
      response.writeHead(200, { "Content-Type": "application/octet-stream" });
      let sent = 0;
      const timer = setInterval(() => {
        response.write(Buffer.alloc(1024, sent));
        if (++sent === chunks) {
          clearInterval(timer);
          response.end();
        }
      }, 25);
    } });
    const { client } = clientWithCalls({ maxRetries: 0, timeout: 300 });
    const { data } = await client.GET("/v1/files", { params: { query: { id: "file_a1" } }, parseAs: "arrayBuffer" });
    expect((data as unknown as ArrayBuffer).byteLength).toBe(chunks * 1024);
  });

  it("redacts a key the answer echoes from the error's message, whole or cut at the excerpt's edge", async () => {
    const envelope = errorExample("401") as { error: { message: string } };
    const echo = { ...envelope, error: { ...envelope.error, message: `Invalid key ${API_KEY}.` } };
    // In the second, the key starts 15 characters before the 200-character excerpt's cut.
    server.reply({ status: 401, body: echo }, { status: 502, body: `${"x".repeat(185)}${API_KEY}` });
    const { client } = clientWithCalls({ maxRetries: 0 });
    const messages = [await client.GET("/v1/lines").catch((caught: unknown) => caught), await client.GET("/v1/lines").catch((caught: unknown) => caught)].map((error) => (error as Error).message);
    const secretRuns = Array.from({ length: API_KEY.length - 7 }, (_, i) => API_KEY.slice(i, i + 8)).filter((run) => run !== "sk_live_");
    expect(messages.map((message) => secretRuns.filter((run) => message.includes(run)))).toEqual([[], []]);
    expect(messages.every((message) => message.includes("[redacted]"))).toBe(true);
  });
});

describe("file upload", () => {
  it("sends a File's name outside printable ASCII percent-encoded as UTF-8", async () => {
    server.reply({ status: 201, body: example("uploadFile", "201") });
    const { client } = clientWithCalls();
    await uploadFile(new File([new Uint8Array([1])], "😀 café.png", { type: "image/png" }), undefined, { client });
    expect(server.requests[0]?.headers["x-filename"]).toBe("%F0%9F%98%80%20caf%C3%A9.png");
  });

  const bytes = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x7b, 0x7d]);
  const forms: Array<[string, () => Parameters<typeof uploadFile>[0]]> = [
    ["a Blob", () => new Blob([bytes])],
    ["an ArrayBuffer", () => bytes.slice().buffer],
    ["a Uint8Array", () => bytes.slice()],
    ["a Node Buffer", () => Buffer.from(bytes)],
    ["a ReadableStream", () => new ReadableStream({ start: (controller) => (controller.enqueue(bytes.slice()), controller.close()) })],
  ];

  it.each(forms)("sends %s byte-identical, with Content-Type and X-Filename", async (_, body) => {
    server.reply({ status: 201, body: example("uploadFile", "201") });
    const { client } = clientWithCalls();
    await expect(uploadFile(body(), { "X-Filename": "photo.jpg" }, { client })).resolves.toEqual(example("uploadFile", "201"));
    const [request] = server.requests;
    expect(request?.body.equals(Buffer.from(bytes))).toBe(true);
    expect(request?.headers).toMatchObject({ "content-type": "application/octet-stream", "x-filename": "photo.jpg" });
  });

  it("takes Content-Type and X-Filename from a File", async () => {
    server.reply({ status: 201, body: example("uploadFile", "201") });
    const { client } = clientWithCalls();
    await uploadFile(new File([bytes], "parcel.jpg", { type: "image/jpeg" }), undefined, { client });
    expect(server.requests[0]?.headers).toMatchObject({ "content-type": "image/jpeg", "x-filename": "parcel.jpg" });
  });

  it("sends raw bytes through the typed client too", async () => {
    server.reply({ status: 201, body: example("uploadFile", "201") });
    const { client } = clientWithCalls();
    await client.POST("/v1/files", { body: bytes, headers: { "Content-Type": "image/jpeg" }, params: { header: { "X-Filename": "photo.jpg" } } });
    expect(server.requests[0]?.body.equals(Buffer.from(bytes))).toBe(true);
  });

  it("still sends other bodies as JSON", async () => {
    server.reply({ status: 201, body: example("sendMessage", "201") });
    const { client } = clientWithCalls();
    const message = { from: "+15551234567", to: "+15559876543", text: "Hi" };
    await client.POST("/v1/messages", { body: message });
    expect(JSON.parse(server.requests[0]?.body.toString() ?? "")).toEqual(message);
    expect(server.requests[0]?.headers["content-type"]).toBe("application/json");
  });
});

describe("file download", () => {
  const storage = "https://storage.convex.cloud/2d5e8f0b-3a6c-4f7e-9a1c-8c2f4e1a6b3d";

  it("reads the 302's Location without following it", async () => {
    server.reply({ status: 302, headers: { Location: `${server.url}/storage/photo.jpg` } }, { status: 500, body: "followed the redirect" });
    const { client, calls } = clientWithCalls();
    await expect(getFileUrl({ id: "file_p4o8i2u6y0t3r7e1" }, { client })).resolves.toBe(`${server.url}/storage/photo.jpg`);
    expect(server.requests.map(({ url }) => url.pathname)).toEqual(["/v1/files"]);
    expect(server.requests[0]?.url.searchParams.get("id")).toBe("file_p4o8i2u6y0t3r7e1");
    expect(calls()).toBe(1);
  });

  it("resolves the generated getFile to the Location too", async () => {
    server.reply({ status: 302, headers: { Location: storage } });
    const { client } = clientWithCalls();
    await expect(getFile({ id: "file_p4o8i2u6y0t3r7e1" }, { client })).resolves.toBe(storage);
  });

  it("fails clearly when the answer is not a redirect", async () => {
    server.reply({ status: 200, body: { url: storage } });
    const { client } = clientWithCalls();
    await expect(getFileUrl({ id: "file_p4o8i2u6y0t3r7e1" }, { client })).rejects.toThrow(/Expected a redirect with a Location header, got HTTP 200/);
  });
});

describe("timeout", () => {
  it("aborts an attempt that gets no answer within the timeout", async () => {
    fakeTimers();
    server.reply("hang");
    const { client } = clientWithCalls({ timeout: 1000, maxRetries: 0 });
    const result = client.GET("/v1/lines").catch((caught: unknown) => caught);
    await server.received(1);
    await vi.advanceTimersByTimeAsync(1000);
    const error = await result;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
  });

  it("lets an answer that arrives in time through", async () => {
    fakeTimers();
    server.reply({ status: 200, body: lines });
    const { client } = clientWithCalls({ timeout: 1000, maxRetries: 0 });
    await expect(client.GET("/v1/lines")).resolves.toMatchObject({ data: lines });
  });

  it("retries an attempt that timed out", async () => {
    const { delays } = fakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    server.reply("hang", { status: 200, body: lines });
    const { client, calls } = clientWithCalls({ timeout: 1000, maxRetries: 1 });
    const result = client.GET("/v1/lines");
    await server.received(1);
    await vi.advanceTimersByTimeAsync(1000);
    await until(() => delays.includes(250));
    await vi.advanceTimersByTimeAsync(250);
    await expect(result).resolves.toMatchObject({ data: lines });
    expect(calls()).toBe(2);
  });

  it("stops waiting for a retry when the caller aborts", async () => {
    const { delays } = fakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    server.reply({ status: 503, body: errorExample("500") }, { status: 200, body: lines });
    const { client, calls } = clientWithCalls({ timeout: 10_000 });
    const controller = new AbortController();
    const result = client.GET("/v1/lines", { signal: controller.signal });
    await until(() => delays.includes(250));
    controller.abort();
    await expect(result).rejects.toMatchObject({ name: "AbortError" });
    expect(calls()).toBe(1);
  });

  it("stops at once when the caller aborts, without retrying", async () => {
    server.reply("hang");
    const { client, calls } = clientWithCalls();
    const controller = new AbortController();
    const result = client.GET("/v1/lines", { signal: controller.signal });
    await server.received(1);
    controller.abort();
    await expect(result).rejects.toMatchObject({ name: "AbortError" });
    expect(calls()).toBe(1);
  });
});
