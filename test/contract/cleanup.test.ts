import { describe, expect, it } from "vitest";
import { trackCreations } from "../../contract-tests/cleanup.ts";
import type { ApiRequest, HttpClient } from "../../contract-tests/http-client.ts";
import { createResponseValidator, type ObservedResponse } from "../../spec/conformance.ts";
import { loadBundle } from "../../spec/openapi.ts";

const spec = loadBundle();
const json = (status: number, body: unknown): ObservedResponse => ({ status, headers: { "content-type": "application/json" }, text: JSON.stringify(body) });

function tracker(answer: (request: ApiRequest) => ObservedResponse) {
  const sent: ApiRequest[] = [];
  const inner: HttpClient = {
    exchanges: [],
    send: async (request) => {
      sent.push(request);
      return answer(request);
    },
  };
  return { sent, ...trackCreations(inner, spec, createResponseValidator(spec), "sk_live_x") };
}

const createWebhook: ApiRequest = { method: "POST", path: "/v1/webhooks", body: '{"from":"+15551234567"}' };
const deleted = json(200, { id: "wh_1", deleted: true, request_id: "req_1" });

describe("the cleanup of what a run creates", () => {
  it("deletes a webhook the target created, even from a request it should have refused", async () => {
    const { client, flush, sent } = tracker((request) => (request.method === "POST" ? json(201, { id: "wh_1" }) : deleted));
    await client.send(createWebhook, "createWebhook: body field \"url\" as 12345");
    const results = await flush();
    expect(sent.at(-1)).toEqual({
      method: "DELETE",
      path: "/v1/webhooks",
      headers: { Authorization: "Bearer sk_live_x", "content-type": "application/json" },
      body: '{"id":"wh_1"}',
    });
    expect(results).toEqual([expect.objectContaining({ scenario: "cleanup", operationId: "deleteWebhook", outcome: "passed", name: expect.stringContaining("delete wh_1") })]);
  });

  it("deletes nothing the check deleted itself", async () => {
    const { client, flush, sent } = tracker((request) => (request.method === "POST" ? json(201, { id: "wh_1" }) : deleted));
    await client.send(createWebhook, "create");
    await client.send({ method: "DELETE", path: "/v1/webhooks", body: '{"id":"wh_1"}' }, "delete");
    expect(await flush()).toEqual([]);
    expect(sent).toHaveLength(2);
  });

  it("deletes nothing after a refused create, or a write that has no DELETE", async () => {
    const refused = tracker(() => json(400, {}));
    await refused.client.send(createWebhook, "create");
    expect(await refused.flush()).toEqual([]);
    const queued = tracker(() => json(201, { id: "obx_1", status: "pending", request_id: "req_1" }));
    await queued.client.send({ method: "POST", path: "/v1/messages", body: "{}" }, "send");
    expect(await queued.flush()).toEqual([]);
  });
});
