// The spec's examples: present everywhere, valid against their schemas, and telling one coherent
// story (the IDs one example refers to exist in another).
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  deref,
  isObject,
  loadBundle,
  namedExamples,
  operations,
  responses,
  type Json,
  type JsonObject,
} from "../../spec/openapi.ts";
import { createSchemaValidator } from "../../spec/schema-validator.ts";

const spec = loadBundle();
const validator = createSchemaValidator(spec);
const components = spec.components as Record<string, Record<string, JsonObject>>;

interface Sample {
  where: string;
  media: JsonObject;
}

/** Every media type object of every request body, response and webhook payload. */
function samples(): Sample[] {
  const result: Sample[] = [];
  const add = (where: string, content: Json | undefined) => {
    if (!isObject(content)) return;
    for (const [type, media] of Object.entries(content)) {
      if (isObject(media)) result.push({ where: `${where} ${type}`, media });
    }
  };
  for (const operation of operations(spec)) {
    const body = deref(spec, operation.node.requestBody);
    if (isObject(body)) add(`${operation.operationId} request`, body.content);
    for (const { status, response } of responses(spec, operation)) add(`${operation.operationId} ${status}`, response.content);
  }
  for (const [event, item] of Object.entries(spec.webhooks as Record<string, JsonObject>)) {
    const body = deref(spec, (item.post as JsonObject).requestBody) as JsonObject;
    add(`${event} delivery`, body.content);
  }
  return result;
}

const isBinary = (media: JsonObject) => isObject(media.schema) && media.schema.format === "binary";

describe("every request, response and delivery", () => {
  it.each(samples().map((s) => [s.where, s] as const))("%s has a named example that fits its schema", (_, { media }) => {
    const examples = namedExamples(spec, media);
    expect(examples.length).toBeGreaterThan(0);
    if (isBinary(media)) return;
    for (const { name, value } of examples) {
      expect(validator.validate(media.schema as JsonObject, value), name).toEqual([]);
    }
  });
});

describe("the examples", () => {
  const all = samples().flatMap(({ media }) => namedExamples(spec, media).map((e) => e.value));
  const ids = new Set<string>();
  const references: Array<[string, string]> = [];
  const ID = /^(msg|cht|ln|rxn|obx|wh|ind|rcp|file)_[A-Za-z0-9]+$/;
  const walk = (value: Json | undefined, key: string) => {
    if (Array.isArray(value)) value.forEach((item) => walk(item, key));
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) walk(v, k);
    else if (typeof value === "string" && ID.test(value)) (key === "id" ? ids.add(value) : references.push([key, value]));
  };
  all.forEach((value) => walk(value, ""));

  it("refer only to resources that appear in another example", () => {
    const dangling = references.filter(([, id]) => !ids.has(id));
    expect(dangling).toEqual([]);
  });

  it("show the queued reply as the sent message it became", () => {
    const reply = (components.examples!.message_list_first_page!.value as JsonObject).data as JsonObject[];
    expect(reply[0]).toMatchObject({ outbox_id: (components.examples!.message_queued!.value as JsonObject).id, is_from_me: true });
  });

  it("sign the message.sent delivery with the example webhook's secret", () => {
    const post = (spec.webhooks as Record<string, JsonObject>)["message.sent"]!.post as JsonObject;
    const [delivery] = namedExamples(spec, ((deref(spec, post.requestBody) as JsonObject).content as JsonObject)["application/json"]);
    const secret = String((components.examples!.webhook_created!.value as JsonObject).secret);
    const header = (name: string) => (components.parameters![name] as JsonObject).example;
    const timestamp = String(header("WebhookTimestamp"));
    expect(timestamp).toBe(String((delivery!.value as JsonObject).timestamp));
    const signature = createHmac("sha256", secret).update(`${timestamp}.${JSON.stringify(delivery!.value)}`).digest("hex");
    expect(header("WebhookSignature")).toBe(signature);
    expect(header("WebhookDeliveryId")).toBe((delivery!.value as JsonObject).delivery_id);
  });
});
