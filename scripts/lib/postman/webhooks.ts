// The webhook events as requests a Postman user sends to their own receiver: one per named payload
// example, signed on the way out by the folder's pre-request script with `{{webhookSecret}}`, the
// way the API signs its deliveries (see the signature header's description, repeated on each).
import { deref, isObject, namedExamples, type JsonObject, type OpenApiDocument } from "../../../spec/openapi.ts";
import type { Item, KeyValue, Script } from "./format.ts";

const RECEIVER_URL = "{{webhookUrl}}";
export const WEBHOOK_SECRET = "webhookSecret";

export interface WebhookEvent {
  event: string;
  operation: JsonObject;
}

export function webhookEvents(spec: OpenApiDocument): WebhookEvent[] {
  const webhooks = isObject(spec.webhooks) ? spec.webhooks : {};
  return Object.entries(webhooks).flatMap(([event, item]) => {
    const operation = isObject(item) ? item.post : undefined;
    return isObject(operation) ? [{ event, operation }] : [];
  });
}

function headerParameters(spec: OpenApiDocument, operation: JsonObject): JsonObject[] {
  const parameters = Array.isArray(operation.parameters) ? operation.parameters : [];
  return parameters.map((parameter) => deref(spec, parameter)).filter(isObject).filter((parameter) => parameter.in === "header");
}

/** A header parameter of the webhooks by its component name, e.g. `WebhookSignature`. */
function componentHeader(spec: OpenApiDocument, component: string): string {
  const parameters = isObject(spec.components) && isObject(spec.components.parameters) ? spec.components.parameters : {};
  const parameter = parameters[component];
  if (!isObject(parameter) || typeof parameter.name !== "string") throw new Error(`The spec has no parameter component ${component}`);
  return parameter.name;
}

export function webhookItems(spec: OpenApiDocument, { event, operation }: WebhookEvent): Item[] {
  const body = deref(spec, operation.requestBody);
  const [media] = isObject(body) && isObject(body.content) ? Object.values(body.content) : [];
  const parameters = headerParameters(spec, operation);
  const header: KeyValue[] = [
    ...parameters.map((parameter) => ({ key: String(parameter.name), value: String(parameter.example ?? ""), description: String(parameter.description ?? "") })),
    { key: "Content-Type", value: "application/json" },
  ];
  const description = [
    String(operation.description ?? ""),
    ...parameters.map((parameter) => `\`${String(parameter.name)}\`: ${String(parameter.description ?? "")}`),
  ].join("\n\n");
  return namedExamples(spec, media).map((example) => ({
    id: `${event}.${example.name}`,
    name: `${event} (${example.name})`,
    request: {
      method: "POST",
      header,
      url: { raw: RECEIVER_URL, host: [RECEIVER_URL], path: [] },
      body: { mode: "raw", raw: JSON.stringify(example.value, null, 2), options: { raw: { language: "json" } } },
      description,
    },
    response: [],
  }));
}

/** Signs each delivery with the current time and `{{webhookSecret}}`, overwriting the example's headers. */
export function signingScript(spec: OpenApiDocument): Script {
  const signature = JSON.stringify(componentHeader(spec, "WebhookSignature"));
  const timestamp = JSON.stringify(componentHeader(spec, "WebhookTimestamp"));
  return {
    listen: "prerequest",
    script: {
      type: "text/javascript",
      exec: [
        "const timestamp = String(Date.now());",
        `const secret = pm.variables.get(${JSON.stringify(WEBHOOK_SECRET)}) || "";`,
        "const signature = CryptoJS.HmacSHA256(timestamp + \".\" + pm.request.body.raw, CryptoJS.enc.Utf8.parse(secret)).toString(CryptoJS.enc.Hex);",
        `pm.request.headers.upsert({ key: ${timestamp}, value: timestamp });`,
        `pm.request.headers.upsert({ key: ${signature}, value: signature });`,
      ],
    },
  };
}
