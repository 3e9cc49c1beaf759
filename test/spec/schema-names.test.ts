// No schema is named after a JavaScript or DOM global: generated types and zod schemas take the
// schema's name, and one named `File` or `Error` shadows the global in every client made from it.
import { describe, expect, it } from "vitest";
import { javascriptGlobals } from "../../scripts/lib/js-globals.ts";
import { loadBundle, type JsonObject } from "../../spec/openapi.ts";
import { BUNDLE_JSON } from "../../spec/paths.ts";

const globals = javascriptGlobals();
const schemaNames = Object.keys((loadBundle(BUNDLE_JSON).components as JsonObject).schemas as JsonObject);
const shadowing = (names: string[]) => names.filter((name) => globals.has(name));

describe("schema names", () => {
  it("read the globals from TypeScript's lib.dom and lib.es declarations", () => {
    // Spot checks across the files: an ES5 constructor, a DOM interface, an ES2015 collection, a namespace.
    for (const name of ["Error", "File", "Response", "Map", "Intl", "Blob", "Location"]) expect(globals, name).toContain(name);
    expect(globals).not.toContain("Message");
  });

  it("shadow no JavaScript or DOM global", () => {
    expect(schemaNames.length).toBeGreaterThan(0);
    expect(shadowing(schemaNames)).toEqual([]);
  });

  it("would be flagged if one did: the names this spec used before 2.0.0", () => {
    expect(shadowing([...schemaNames, "File", "Error"])).toEqual(["File", "Error"]);
  });
});
