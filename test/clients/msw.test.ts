// The generated MSW handlers answer every operation with the spec's first success example and
// status (201s and the 302 with its Location included), at once.
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { servers } from "../../generated/servers.ts";
import { configure, listMessages, paginate } from "../../src/index.ts";
import { getMessagesDevAPIMock, getGetFileMockHandler, getListChatsMockHandler, getListLinesMockHandler } from "../../src/msw.ts";
import { SPARSE_EXAMPLE } from "../../spec/sparse-examples.ts";
import { deref, isObject, namedExamples, operations, responses, type JsonObject } from "../../spec/openapi.ts";
import { expectedMajor, listenStrictly, loadedMajor } from "./support/msw.ts";
import { spec } from "./support/spec.ts";

const mock = setupServer(...getMessagesDevAPIMock());
beforeAll(async () => {
  listenStrictly(mock);
  // MSW 3 lets Node's own fetch (undici) run, which arms a timer of its own on its first request:
  // made here, it is not taken for a handler's delay by the check below.
  await fetch(`${servers.production}/v1/lines`);
});
afterEach(() => {
  mock.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => mock.close());

/** Sends a request, failing as soon as the handler starts waiting on a timer instead of answering. */
function sendWithoutDelay(request: Request): Promise<Response> {
  vi.useFakeTimers({ toFake: ["setTimeout"] });
  let settled = false;
  const response = fetch(request).finally(() => (settled = true));
  const waitsOnTimer = new Promise<never>((_, reject) => {
    const check = () => {
      if (vi.getTimerCount() > 0) reject(new Error("the handler waits on a timer"));
      else if (!settled) setImmediate(check);
    };
    check();
  });
  return Promise.race([response, waitsOnTimer]);
}

const success = operations(spec).map((operation) => {
  const [answer] = responses(spec, operation).filter(({ status }) => /^[23]/.test(status));
  const body = deref(spec, operation.node.requestBody) as JsonObject | undefined;
  const json = isObject(body?.content) ? body.content["application/json"] : undefined;
  return {
    name: `${operation.method.toUpperCase()} ${operation.path} (${operation.operationId})`,
    method: operation.method.toUpperCase(),
    path: operation.path,
    requestBody: json ? JSON.stringify(namedExamples(spec, json)[0]?.value) : body ? "bytes" : undefined,
    status: Number(answer!.status),
    example: namedExamples(spec, answer!.json)[0]?.value,
    location: (deref(spec, (answer!.response.headers as JsonObject | undefined)?.Location) as JsonObject | undefined)?.example,
  };
});

describe("the generated MSW handlers", () => {
  it(`run on MSW ${expectedMajor}, the major this test project names`, () => {
    expect(loadedMajor).toBe(expectedMajor);
  });


  it.each(success.map((s) => [s.name, s] as const))("answer %s with the spec's status and example", async (_, operation) => {
    const url = `${servers.mock}${operation.path}`;
    const response = await sendWithoutDelay(new Request(url, { method: operation.method, body: operation.requestBody, redirect: "manual" }));
    expect(response.status).toBe(operation.status);
    if (operation.location !== undefined) expect(response.headers.get("Location")).toBe(operation.location);
    else expect(await response.json()).toEqual(operation.example);
  });

  it("answer every list with a last page by default, and name another example that has more", () => {
    const lists = operations(spec).filter((operation) => operation.operationId.startsWith("list"));
    const pages = lists.map((operation) => namedExamples(spec, responses(spec, operation)[0]!.json).map((example) => example.value as JsonObject));
    expect(lists.length).toBeGreaterThan(0);
    expect(pages.map(([first]) => [first?.has_more, first?.next_cursor])).toEqual(lists.map(() => [false, null]));
    expect(pages.flat().some((page) => page.has_more === true && typeof page.next_cursor === "string")).toBe(true);
  });

  it("let paginate end on listMessages, the one list with a page that has more", async () => {
    configure({ apiKey: "sk_test_msw", baseUrl: servers.mock });
    let items = 0;
    for await (const _ of paginate(listMessages, { from: "+15551234567", to: "+15559876543" })) items++;
    expect(items).toBeGreaterThan(0);
  });

  it("answer the one redirect with 302 and a Location, not orval's bare 200", () => {
    expect(success.filter((s) => s.status === 302).map((s) => s.path)).toEqual(["/v1/files"]);
  });

  it("take another Location for the redirect when given one", async () => {
    mock.use(getGetFileMockHandler("https://storage.example/other.jpg"));
    const response = await fetch(`${servers.mock}/v1/files?id=file_p4o8i2u6y0t3r7e1`, { redirect: "manual" });
    expect(response.headers.get("Location")).toBe("https://storage.example/other.jpg");
  });

  it("take another body when given one", async () => {
    const lines = { data: [], has_more: false, next_cursor: null, request_id: "req_a1" };
    mock.use(getListLinesMockHandler(lines));
    await expect((await fetch(`${servers.mock}/v1/lines`)).json()).resolves.toEqual(lines);
  });

  it("answer with the spec's sparse example when given it, so a frontend meets the missing fields", async () => {
    const listChats = operations(spec).find((operation) => operation.operationId === "listChats")!;
    const sparse = namedExamples(spec, responses(spec, listChats)[0]!.json).find((example) => example.name === SPARSE_EXAMPLE)!.value as JsonObject;
    mock.use(getListChatsMockHandler(sparse as unknown as Parameters<typeof getListChatsMockHandler>[0]));
    const body = (await (await fetch(`${servers.mock}/v1/chats?from=%2B15551234567`)).json()) as { data: JsonObject[] };
    expect(body).toEqual(sparse);
    expect(body.data[0]).not.toHaveProperty("is_group");
  });

  it.each([
    ["an emoji reaction", "POST", "/v1/reactions", { from: "+15551234567", to: "+15559876543", message_id: "msg_q9w3e7r1t5y2u8i4", type: "🎉" }, 201],
    ["a webhook for every line", "POST", "/v1/webhooks", { url: "https://example.com/webhooks/messages", events: ["message.received"] }, 201],
    ["a limit of 200", "GET", "/v1/chats?from=%2B15551234567&limit=200", undefined, 200],
  ])("answer %s, as the official CLI sends it", async (_, method, path, body, status) => {
    const response = await fetch(`${servers.mock}${path}`, { method, body: body && JSON.stringify(body) });
    expect(response.status).toBe(status);
  });

  it("are caught by the no-delay check when a handler waits", async () => {
    mock.use(http.get(`*/v1/lines`, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return HttpResponse.json({});
    }));
    await expect(sendWithoutDelay(new Request(`${servers.mock}/v1/lines`))).rejects.toThrow("the handler waits on a timer");
  });
});
