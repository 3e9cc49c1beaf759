// The emulator mints IDs with the prefix each ID schema's pattern requires, read from the bundle.
import { describe, expect, it } from "vitest";
import { idPrefix, newId, stableId, type IdKind } from "../../emulator/ids.ts";
import { loadBundle, type JsonObject } from "../../spec/openapi.ts";
import { createSchemaValidator } from "../../spec/schema-validator.ts";

const spec = loadBundle();
const validator = createSchemaValidator(spec);
const kinds = Object.keys((spec.components as JsonObject).schemas as JsonObject).filter((name) => name.endsWith("Id")) as IdKind[];

describe("the emulator's IDs", () => {
  it.each(kinds)("%s: a new one matches the schema", (kind) => {
    expect(validator.validate(`#/components/schemas/${kind}`, newId(kind))).toEqual([]);
    expect(validator.validate(`#/components/schemas/${kind}`, stableId(kind, "seed"))).toEqual([]);
  });

  it("take the prefix from the pattern, which another prefix would fail", () => {
    expect(idPrefix("MessageId")).toBe("msg_");
    expect(validator.validate("#/components/schemas/ChatId", newId("MessageId"))).not.toEqual([]);
  });
});
