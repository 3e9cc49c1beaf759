// The spec library's walks: the ID prefixes against the style guide's oracle table, and the error
// catalogue refusing a spec that gives one code two statuses.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { errorCatalogue, errorExamples } from "../../spec/errors.ts";
import { idPrefixOfPattern, idPrefixes } from "../../spec/ids.ts";
import { loadBundle, operations, type OpenApiDocument } from "../../spec/openapi.ts";
import { ROOT } from "../../spec/paths.ts";

const spec = loadBundle();

describe("the ID prefixes", () => {
  it("are those of the style guide's oracle table in .spectral.yaml", () => {
    const ruleset = parse(readFileSync(`${ROOT}.spectral.yaml`, "utf8"));
    const oracle: string[] = ruleset.rules["mdev-id-prefix"].then.functionOptions.prefixes;
    expect([...new Set(idPrefixes(spec).values())].sort()).toEqual([...oracle].sort());
  });

  it("are read only from a pattern that starts with one", () => {
    expect(idPrefixOfPattern("^msg_[A-Za-z0-9]+$")).toBe("msg_");
    expect(idPrefixOfPattern("^[A-Za-z0-9]+$")).toBeUndefined();
    expect(idPrefixOfPattern("msg_[A-Za-z0-9]+")).toBeUndefined();
  });
});

/** A one-operation spec whose 400 and 404 examples carry the given codes. */
function specWithErrors(badRequest: string, notFound: string): OpenApiDocument {
  const example = (code: string) => ({ content: { "application/json": { examples: { e: { value: { error: { code, type: "invalid_request_error", message: "m" } } } } } } });
  return { paths: { "/v1/x": { get: { operationId: "getX", responses: { "400": example(badRequest), "404": example(notFound) } } } } };
}

describe("the error catalogue", () => {
  it("lists each code of the bundle once, with every operation that documents it", () => {
    const catalogue = errorCatalogue(spec);
    const codes = new Set(errorExamples(spec).map(({ code }) => code));
    expect([...catalogue.keys()].sort()).toEqual([...codes].sort());
    const everywhere = [...catalogue.values()].filter(({ operationIds }) => operationIds.length === operations(spec).length);
    expect(everywhere.length).toBeGreaterThan(0);
  });

  it("refuses a spec that gives one code two statuses", () => {
    expect(errorCatalogue(specWithErrors("a", "b")).get("b")).toMatchObject({ status: 404, operationIds: ["getX"] });
    expect(() => errorCatalogue(specWithErrors("a", "a"))).toThrow("two statuses or types");
  });
});
