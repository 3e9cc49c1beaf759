// `npm run generate`: deterministic, committed fresh, and stale files named.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { staleFiles } from "../../scripts/check-generated.ts";
import { generateAll } from "../../scripts/generate.ts";
import { forGenerators } from "../../scripts/lib/generator-input.ts";
import { operations, type JsonObject, type OpenApiDocument } from "../../scripts/lib/openapi.ts";
import { scratchOutputs } from "../support/scratch-outputs.ts";
import { spec } from "./support/spec.ts";

describe("generation", () => {
  const fresh = scratchOutputs("generate-test-", generateAll);
  let first: string;
  beforeAll(async () => {
    first = await fresh();
  });

  it("writes the types, the clients and the bundle", async () => {
    expect((await readdir(first)).sort()).toEqual(
      ["models.ts", "msw.ts", "openapi.json", "openapi.yaml", "operations.ts", "react.ts", "schema.d.ts", "servers.ts", "zod.ts"],
    );
  });

  it("is byte-identical on every run", async () => {
    const second = await fresh();
    expect(await staleFiles(second, first)).toEqual([]);
  });

  it("is committed as generated from the current spec", async () => {
    expect(await staleFiles(first)).toEqual([]);
  });

  it("names a generated client file edited by hand", async () => {
    const edited = await fresh();
    await writeFile(join(edited, "react.ts"), "// edited by hand\n", { flag: "a" });
    expect(await staleFiles(edited, first)).toEqual(["react.ts"]);
  });

  it("gives orval no mutator it cannot read: every function takes per-call options", async () => {
    const functions = await readFile(join(first, "operations.ts"), "utf8");
    expect(functions.match(/^export const \w+ = \(/gm)).toHaveLength(operations(spec).length);
    expect(functions.match(/options\?: SecondParameter<typeof api(Request|Redirect)/g)).toHaveLength(operations(spec).length);
  });
});

describe("the bundle as the generators read it", () => {
  const schemas = (document: OpenApiDocument) => (document.components as JsonObject).schemas as Record<string, JsonObject>;

  it("spells out anyOf branches that only add `required` as whole objects", () => {
    const message = schemas(forGenerators(spec)).SendMessageRequest!;
    const branches = message.anyOf as JsonObject[];
    expect(branches.map((branch) => branch.required)).toEqual([
      ["from", "to", "text"],
      ["from", "to", "attachments"],
    ]);
    expect(branches.every((branch) => branch.additionalProperties === false && Object.keys(branch.properties as JsonObject).length === 5)).toBe(true);
    expect((branches[1]!.properties as Record<string, JsonObject>).attachments).toMatchObject({ type: "array", minItems: 1, maxItems: 1 });
  });

  it("leaves branches that stand alone as they are", () => {
    const standalone: JsonObject = { type: "object", anyOf: [{ $ref: "#/components/schemas/Line" }, { type: "object", properties: {} }] };
    const document = { ...spec, components: { ...(spec.components as JsonObject), schemas: { ...schemas(spec), Standalone: standalone } } };
    expect(schemas(forGenerators(document)).Standalone).toEqual(standalone);
  });

  it("does not change the bundle itself", () => {
    forGenerators(spec);
    expect(schemas(spec).SendMessageRequest!.anyOf).toEqual([{ required: ["text"] }, { required: ["attachments"], properties: { attachments: { minItems: 1 } } }]);
  });
});
