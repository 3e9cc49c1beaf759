import { afterEach, describe, expect, it } from "vitest";
import { createHttpClient, RequestRefused, TargetUnreachable } from "../../contract-tests/http-client.ts";
import { toHar } from "../../contract-tests/report/har.ts";
import { startRecordingServer, type Answer, type RecordingServer } from "./recording-server.ts";

let server: RecordingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ok: Answer = { status: 200, headers: { "content-type": "application/json" }, body: '{"request_id":"req_1"}' };
const tooMany = (retryAfter?: string): Answer => ({ status: 429, headers: retryAfter ? { "retry-after": retryAfter } : {}, body: "{}" });

/** A server that answers with `answers` in turn, then 200. */
async function serve(...answers: Answer[]) {
  server = await startRecordingServer(() => answers.shift() ?? ok);
  return server;
}

function client(url: string, options: { readOnly?: boolean; maxRequests?: number } = {}) {
  const waits: number[] = [];
  const http = createHttpClient({
    baseUrl: url,
    readOnly: options.readOnly ?? false,
    maxRequests: options.maxRequests ?? 100,
    sleep: async (ms) => void waits.push(ms),
  });
  return { http, waits };
}

const lines = { method: "GET", path: "/v1/lines", headers: { Authorization: "Bearer sk_live_secret" } } as const;
const send = { method: "POST", path: "/v1/messages", headers: { "content-type": "application/json" }, body: '{"text":"hi"}' } as const;

describe("the contract HTTP client", () => {
  it("waits the Retry-After seconds on a 429, then retries", async () => {
    const { url, requests } = await serve(tooMany("7"));
    const { http, waits } = client(url);
    expect((await http.send(lines, "lines")).status).toBe(200);
    expect(waits).toEqual([7000]);
    expect(requests).toHaveLength(2);
  });

  it("backs off exponentially when a 429 has no Retry-After", async () => {
    const { url } = await serve(tooMany(), tooMany());
    const { http, waits } = client(url);
    expect((await http.send(lines, "lines")).status).toBe(200);
    expect(waits).toEqual([1000, 2000]);
  });

  it("returns the 429 instead of waiting longer than it allows, or retrying more than three times", async () => {
    const long = await serve(tooMany("3600"));
    const first = client(long.url);
    expect((await first.http.send(lines, "lines")).status).toBe(429);
    expect(first.waits).toEqual([]);
    await long.close();
    const stubborn = await serve(tooMany("1"), tooMany("1"), tooMany("1"), tooMany("1"));
    const second = client(stubborn.url);
    expect((await second.http.send(lines, "lines")).status).toBe(429);
    expect(second.waits).toEqual([1000, 1000, 1000]);
  });

  it("sends nothing but GET when read-only, and sends the GET", async () => {
    const { url, requests } = await serve();
    const { http } = client(url, { readOnly: true });
    await expect(http.send(send, "send")).rejects.toThrow(/writes are off against live/);
    expect(requests).toEqual([]);
    await http.send(lines, "lines");
    expect(requests.map((r) => r.method)).toEqual(["GET"]);
  });

  it("sends writes when not read-only", async () => {
    const { url, requests } = await serve();
    await client(url).http.send(send, "send");
    expect(requests.map((r) => [r.method, r.body])).toEqual([["POST", '{"text":"hi"}']]);
  });

  it("refuses the request after the cap, counting retries", async () => {
    const { url, requests } = await serve(tooMany("1"));
    const { http } = client(url, { maxRequests: 3 });
    await http.send(lines, "first");
    await http.send(lines, "second");
    await expect(http.send(lines, "third")).rejects.toBeInstanceOf(RequestRefused);
    expect(requests).toHaveLength(3);
  });

  it("still sends a cleanup past the cap, so nothing the run created is left behind", async () => {
    const { url, requests } = await serve();
    const { http } = client(url, { maxRequests: 1 });
    await http.send(send, "create");
    await expect(http.send(send, "another write")).rejects.toBeInstanceOf(RequestRefused);
    await http.send({ method: "DELETE", path: "/v1/webhooks", body: '{"id":"wh_1"}' }, "cleanup", { cleanup: true });
    expect(requests.map((r) => r.method)).toEqual(["POST", "DELETE"]);
  });

  it("says which request got no answer when the target is down", async () => {
    const { url } = await serve();
    await server!.close();
    server = undefined;
    const sending = client(url).http.send(lines, "lines");
    await expect(sending).rejects.toBeInstanceOf(TargetUnreachable);
    await expect(sending).rejects.toThrow(`GET ${url}/v1/lines got no answer`);
  });

  it("does not follow a redirect, so a 302's Location can be checked", async () => {
    const { url, requests } = await serve({ status: 302, headers: { location: "http://127.0.0.1:1/elsewhere" } });
    const response = await client(url).http.send({ method: "GET", path: "/v1/files", query: { id: "file_a" } }, "download");
    expect(response).toMatchObject({ status: 302, headers: { location: "http://127.0.0.1:1/elsewhere" } });
    expect(requests.map((r) => r.url)).toEqual(["/v1/files?id=file_a"]);
  });
});

describe("the HAR of a run", () => {
  it("records every exchange with the Authorization value and every secret redacted", async () => {
    const body = '{"id":"wh_1","secret":"whsec_abc","note":"key sk_live_secret"}';
    const { url } = await serve({ status: 201, headers: { "content-type": "application/json" }, body });
    const { http } = client(url);
    await http.send(lines, "lines");
    const har = JSON.stringify(toHar(http.exchanges, ["sk_live_secret"]));
    expect(har).not.toContain("sk_live_secret");
    expect(har).not.toContain("whsec_abc");
    expect(har).toContain('{"name":"Authorization","value":"Bearer [redacted]"}');
    expect(har).toContain('\\"id\\":\\"wh_1\\"');
  });

  it("keeps what is not a secret", async () => {
    const { url } = await serve();
    const { http } = client(url);
    await http.send({ ...send, headers: { ...send.headers, "X-Filename": "photo.jpg" } }, "send");
    const har = toHar(http.exchanges, ["sk_live_secret"]) as { log: { entries: Array<{ request: { headers: unknown[] } }> } };
    const [entry] = har.log.entries;
    expect(entry).toMatchObject({ comment: "send", request: { method: "POST", postData: { mimeType: "application/json", text: '{"text":"hi"}' } } });
    expect(entry?.request.headers).toContainEqual({ name: "X-Filename", value: "photo.jpg" });
  });
});
