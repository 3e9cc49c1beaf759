// `npm run generate`: deterministic, committed fresh, and stale files named.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { staleFiles } from "../../scripts/check-generated.ts";
import { generateAll } from "../../scripts/generate.ts";
import { operations } from "../../spec/openapi.ts";
import { scratchOutputs } from "../support/scratch-outputs.ts";
import { spec } from "./support/spec.ts";

describe("generation", () => {
  const fresh = scratchOutputs("generate-test-", generateAll);
  let first: string;
  beforeAll(async () => {
    first = await fresh();
  });

  it("writes the types, the clients, the Postman collection and the bundle", async () => {
    expect((await readdir(first)).sort()).toEqual(
      ["models.ts", "msw.ts", "openapi.json", "openapi.yaml", "operations.ts", "postman", "react.ts", "schema.d.ts", "servers.ts", "zod.ts"],
    );
  });

  it("is byte-identical on every run", async () => {
    const second = await fresh();
    expect(await staleFiles(second, first)).toEqual([]);
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
