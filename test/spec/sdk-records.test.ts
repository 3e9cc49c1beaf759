// The answers the official SDK's tests record (test/spec/fixtures/sdk-records.yaml: their shapes,
// restated with our own values) validate against the bundle. Only the values those tests made up
// are refused, each exactly where the fixture says; every webhook payload fits its event's schema.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createResponseValidator, isSpecBehind } from "../../spec/conformance.ts";
import { deref, isObject, loadBundle, type Json, type JsonObject } from "../../spec/openapi.ts";
import { closeObjects, createSchemaValidator } from "../../spec/schema-validator.ts";

interface ClientRecord {
  test: string;
  operation: string;
  status: number;
  headers?: Record<string, string>;
  body?: Json;
  madeUp?: string[];
}

interface WebhookRecord {
  test: string;
  body: JsonObject;
}

const records = parse(readFileSync(new URL("fixtures/sdk-records.yaml", import.meta.url), "utf8")) as { client: ClientRecord[]; webhooks: WebhookRecord[] };
const spec = loadBundle();
const validator = createResponseValidator(spec);

const observed = (record: ClientRecord) => ({
  status: record.status,
  headers: { ...(record.body === undefined ? {} : { "content-type": "application/json" }), ...record.headers },
  text: record.body === undefined ? "" : JSON.stringify(record.body),
});

/** The schema of a webhook event's delivery body. */
function deliverySchema(event: string): JsonObject {
  const item = deref(spec, (spec.webhooks as JsonObject)[event]) as JsonObject;
  const body = deref(spec, (item.post as JsonObject).requestBody) as JsonObject;
  return ((body.content as JsonObject)["application/json"] as JsonObject).schema as JsonObject;
}

describe("the official SDK's recorded answers", () => {
  it.each(records.client.map((record) => [record.test, record] as const))("%s", (_name, record) => {
    const findings = validator.validate(record.operation, observed(record));
    expect(findings.filter(isSpecBehind)).toEqual([]);
    expect(findings.map((finding) => finding.pointer).sort()).toEqual([...(record.madeUp ?? [])].sort());
  });

  it("excuse only the values the SDK's tests made up: handles \"+1\" and \"+2\", request ID \"r\", file size 0", () => {
    const valueAt = (body: Json | undefined, pointer: string) =>
      pointer.split("/").slice(2).reduce<Json | undefined>((node, key) => (Array.isArray(node) ? node[Number(key)] : isObject(node) ? node[key] : undefined), body);
    const excused = records.client.flatMap((record) => (record.madeUp ?? []).map((pointer) => valueAt(record.body, pointer)));
    expect(new Set(excused)).toEqual(new Set(["+1", "+2", "r", 0]));
  });
});

describe("the official SDK's recorded webhook payloads", () => {
  const open = createSchemaValidator(spec);
  const closed = createSchemaValidator(closeObjects(spec));

  it.each(records.webhooks.map((record) => [record.test, record] as const))("%s", (_name, record) => {
    const schema = deliverySchema(String(record.body.event));
    expect(open.validate(schema, record.body)).toEqual([]);
    expect(closed.validate(schema, record.body)).toEqual([]);
  });

  it("include payloads without delivery_id, and a message without text, is_audio_message or reply_to_guid", () => {
    expect(records.webhooks.some((record) => !("delivery_id" in record.body))).toBe(true);
    const data = records.webhooks.map((record) => record.body.data).filter(isObject);
    expect(data.some((message) => message.guid !== undefined && !("text" in message) && !("is_audio_message" in message))).toBe(true);
  });
});

describe("the check", () => {
  it("refuses a recorded answer the bundle does not allow", () => {
    const [listLines] = records.client;
    const broken = { ...listLines!, body: { ...(listLines!.body as JsonObject), has_more: "no" } };
    expect(validator.validate(broken.operation, observed(broken)).map((finding) => finding.pointer)).toEqual(["/body/has_more"]);
  });
});
