// The Stainless check: usage written against the previous generated client must compile against
// the current one. Here "previous" is the current spec, as is or edited to show each kind of break.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadBundle, type JsonObject } from "../../spec/openapi.ts";
import { GENERATED_DIR } from "../../spec/paths.ts";
import { clientCompatErrors, usageFixture } from "../../spec/diff/client-compat.ts";

const spec = loadBundle();
const types = readFileSync(`${GENERATED_DIR}/schema.d.ts`, "utf8");

describe("the client compatibility check", () => {
  it("uses every operation and its hook", () => {
    const fixture = usageFixture(spec);
    for (const id of ["listLines", "sendMessage", "uploadFile", "getFile", "deleteWebhook"]) {
      expect(fixture).toContain(`export async function ${id}Usage()`);
      expect(fixture).toContain(`use${id[0]!.toUpperCase()}${id.slice(1)}`);
    }
  });

  it("finds nothing when the client did not change", async () => {
    expect(await clientCompatErrors(spec, types)).toEqual([]);
  });

  it("reports a response field that callers read and that is gone", async () => {
    const older = types.replace("is_from_me: boolean;", "is_from_me: boolean;\n            legacy_flag: string;");
    const errors = await clientCompatErrors(spec, older);
    expect(errors.some((e) => e.startsWith("listMessages: ") && e.includes("legacy_flag"))).toBe(true);
  });

  it("reports a schema whose model type was renamed: the 1.x names of ErrorResponse and UploadedFile", async () => {
    const older = structuredClone(spec);
    const schemas = (older.components as JsonObject).schemas as JsonObject;
    schemas.Error = schemas.ErrorResponse!;
    schemas.File = schemas.UploadedFile!;
    const errors = await clientCompatErrors(older, types);
    expect(errors.filter((e) => e.startsWith("model type "))).toEqual([
      expect.stringMatching(/^model type Error: .*has no exported member.*'Error'/),
      expect.stringMatching(/^model type File: .*has no exported member.*'File'/),
    ]);
  });

  it("reports an operation whose function no longer exists", async () => {
    const older = structuredClone(spec);
    const lines = (older.paths["/v1/lines"] as JsonObject).get as JsonObject;
    older.paths["/v1/archive"] = { get: { ...lines, operationId: "listArchivedLines" } };
    const errors = await clientCompatErrors(older, types);
    expect(errors.some((e) => e.includes("listArchivedLines"))).toBe(true);
  });
});
