// Bodies written as an anyOf of whole objects, read as the API reads them: the errors every
// branch shares, or "either of these" when the body only failed to pick a branch.
import { describe, expect, it } from "vitest";
import { essentialErrors, objectFields } from "../../spec/object-alternatives.ts";
import type { JsonObject } from "../../spec/openapi.ts";
import { createSchemaValidator } from "../../spec/schema-validator.ts";

const fields = { to: { type: "string" }, text: { type: "string" }, attachments: { type: "array", maxItems: 1 } };
const Send: JsonObject = {
  anyOf: [
    { type: "object", additionalProperties: false, required: ["to", "text"], properties: fields },
    { type: "object", additionalProperties: false, required: ["to", "attachments"], properties: { ...fields, attachments: { type: "array", minItems: 1, maxItems: 1 } } },
  ],
};
const Plain: JsonObject = { type: "object", required: ["to", "from"], properties: { to: { type: "string" }, from: { type: "string" } } };
const spec: JsonObject = { openapi: "3.1.0", components: { schemas: { Send, Plain } } };
const validator = createSchemaValidator(spec);
const read = (schema: string, body: JsonObject) => {
  const { errors, eitherOf } = essentialErrors(validator.validate(`#/components/schemas/${schema}`, body));
  return { errors: errors.map((e) => `${e.keyword} ${e.instancePath} ${JSON.stringify(e.params)}`), eitherOf };
};

describe("objectFields", () => {
  it("takes an anyOf of objects together: every field, those all branches require, and the alternatives", () => {
    expect(objectFields(spec, { $ref: "#/components/schemas/Send" })).toMatchObject({ required: ["to"], alternatives: ["text", "attachments"] });
    expect(Object.keys(objectFields(spec, Send).properties)).toEqual(["to", "text", "attachments"]);
  });

  it("reads a plain object as it is", () => {
    expect(objectFields(spec, Plain)).toEqual({ properties: Plain.properties, required: ["to", "from"], alternatives: [] });
  });
});

describe("essentialErrors", () => {
  it("says which alternatives a body lacks when it has none of them", () => {
    expect(read("Send", { to: "+1555" })).toEqual({ errors: expect.any(Array), eitherOf: ["text", "attachments"] });
  });

  it("keeps, once, an error every branch reports: a missing field, a wrong type, an unknown field", () => {
    expect(read("Send", { text: "Hi" })).toEqual({ errors: [`required  {"missingProperty":"to"}`] });
    expect(read("Send", { to: 5, text: "Hi" })).toEqual({ errors: [`type /to {"type":"string"}`] });
    expect(read("Send", { to: "+1555", text: "Hi", extra: 1 })).toEqual({ errors: [`additionalProperties  {"additionalProperty":"extra"}`] });
  });

  it("passes the errors of a schema without anyOf through unchanged", () => {
    const raw = validator.validate("#/components/schemas/Plain", {});
    expect(essentialErrors(raw)).toEqual({ errors: raw });
    expect(raw).toHaveLength(2);
  });
});
