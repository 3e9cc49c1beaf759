// A run deletes what it creates. Any POST answered 201 with an `id`, on a path that also has a
// DELETE (webhooks: `DELETE /v1/webhooks {id}`), is deleted when the check that made it ends,
// whether that check passed or not: a live API that wrongly accepts a broken request, or answers
// outside the spec, must not keep what it made.
import { isObject, operations, type OpenApiDocument, type Operation, parseJson } from "../spec/openapi.ts";
import { type ApiRequest, type HttpClient } from "./http-client.ts";
import type { ResponseValidator } from "../spec/conformance.ts";
import { checked, errorCodeOf, type CheckResult } from "./results.ts";

export interface CleanupTracker {
  /** The client to send through; it notes every creation and every deletion. */
  client: HttpClient;
  /** Deletes what is still there, each deletion a checked exchange. */
  flush(): Promise<CheckResult[]>;
}

interface Created {
  remove: Operation;
  id: string;
  by: string;
}

export function trackCreations(inner: HttpClient, spec: OpenApiDocument, validator: ResponseValidator, apiKey: string): CleanupTracker {
  const removers = deletersByPath(spec);
  const alive: Created[] = [];
  const client: HttpClient = {
    exchanges: inner.exchanges,
    async send(request, label, options) {
      const response = await inner.send(request, label, options);
      const remove = removers.get(request.path);
      const id = remove ? idIn(response.text) : undefined;
      if (remove && id && request.method === "POST" && response.status === 201) alive.push({ remove, id, by: label });
      if (request.method === "DELETE" && response.status < 300) {
        const gone = idIn(typeof request.body === "string" ? request.body : "");
        const index = alive.findIndex((created) => created.id === gone);
        if (index >= 0) alive.splice(index, 1);
      }
      return response;
    },
  };
  return {
    client,
    async flush() {
      const results: CheckResult[] = [];
      for (const { remove, id, by } of alive.splice(0)) {
        const name = `delete ${id}, created by: ${by}`;
        const request: ApiRequest = {
          method: "DELETE",
          path: remove.path,
          headers: { Authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
          body: JSON.stringify({ id }),
        };
        const response = await inner.send(request, name, { cleanup: true });
        results.push(checked({ scenario: "cleanup", name, operationId: remove.operationId }, response.status, validator.validate(remove.operationId, response), [], errorCodeOf(response.text)));
      }
      return results;
    },
  };
}

/** The DELETE of each path that also has a POST. */
function deletersByPath(spec: OpenApiDocument): Map<string, Operation> {
  const all = operations(spec);
  const creates = new Set(all.filter((operation) => operation.method === "post").map((operation) => operation.path));
  return new Map(all.filter((operation) => operation.method === "delete" && creates.has(operation.path)).map((operation) => [operation.path, operation]));
}

function idIn(text: string): string | undefined {
  const body = parseJson(text);
  return isObject(body) && typeof body.id === "string" ? body.id : undefined;
}
