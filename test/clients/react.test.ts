// @vitest-environment happy-dom
// @vitest-environment-options { "url": "http://127.0.0.1:4010/" }
// The generated React Query hooks, rendered against the generated MSW handlers: they send through
// the runtime (auth header, typed errors in `error`).
// The page runs on the mock's origin (servers.mock, checked below): a cross-origin request would make
// happy-dom send a CORS preflight that MSW 3, which intercepts below happy-dom's fetch, would see
// unhandled. A browser's service worker never sees a preflight.
import { renderHook, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import bundle from "../../generated/openapi.json" with { type: "json" };
import { servers } from "../../generated/servers.ts";
import { AuthorizationError, MessagesError, configure } from "../../src/index.ts";
import { getMessagesDevAPIMock } from "../../src/msw.ts";
import { useGetFile, useListLines, useSendMessage } from "../../src/react.ts";
import { listenStrictly } from "./support/msw.ts";
import { wrapper } from "./support/query-wrapper.ts";

// scripts/lib cannot load here: happy-dom's URL resolves file: URLs wrongly. The examples are read
// from the bundle directly.
const { examples } = bundle.components;

const API_KEY = "sk_live_hooks";
const mock = setupServer(...getMessagesDevAPIMock());
const authorization: Array<string | null> = [];
mock.events.on("request:start", ({ request }) => authorization.push(request.headers.get("Authorization")));

beforeAll(() => listenStrictly(mock));
beforeEach(() => {
  authorization.length = 0;
  configure({ apiKey: API_KEY, baseUrl: servers.mock, maxRetries: 0 });
});
afterEach(() => mock.resetHandlers());
afterAll(() => mock.close());


describe("the generated hooks", () => {
  it("run on a page of the mock's origin", () => {
    expect(window.location.origin).toBe(new URL(servers.mock).origin);
  });

  it("run a query through the runtime: the data is the answer, the key was sent", async () => {
    const { result } = renderHook(() => useListLines(), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data).toEqual(examples.line_list.value);
    expect(authorization).toEqual([`Bearer ${API_KEY}`]);
  });

  it("run a mutation and resolve to the 201's body", async () => {
    const { result } = renderHook(() => useSendMessage(), { wrapper });
    const outbox = await result.current.mutateAsync({ data: { from: "+15551234567", to: "+15559876543", text: "Hi" } });
    expect(outbox).toEqual(examples.message_queued.value);
    await waitFor(() => expect(result.current.data).toEqual(outbox));
  });

  it("give the redirect's Location as a file's data", async () => {
    const { result } = renderHook(() => useGetFile({ id: "file_p4o8i2u6y0t3r7e1" }), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data).toMatch(/^https:\/\/storage\./);
  });

  it("put a typed error in `error` when the API refuses", async () => {
    mock.use(http.get("*/v1/lines", () => HttpResponse.json(examples.insufficient_scope.value, { status: 403 })));
    const { result } = renderHook(() => useListLines(), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(AuthorizationError);
    expect(result.current.error).toMatchObject({ status: 403, code: examples.insufficient_scope.value.error.code });
  });

  it("put a typed error in a mutation's `error` too", async () => {
    mock.use(http.post("*/v1/messages", () => HttpResponse.json(examples.contact_has_not_messaged.value, { status: 403 })));
    const { result } = renderHook(() => useSendMessage(), { wrapper });
    result.current.mutate({ data: { from: "+15551234567", to: "+15559876543", text: "Hi" } });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(MessagesError);
    expect(result.current.error).toMatchObject(examples.contact_has_not_messaged.value.error);
  });
});
