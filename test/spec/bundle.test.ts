import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundle } from "../../scripts/bundle.ts";
import { staleFiles } from "../../scripts/check-generated.ts";
import { scratchOutputs } from "../support/scratch-outputs.ts";

describe("the bundle", () => {
  const fresh = scratchOutputs("bundle-test-", bundle);

  it("is byte-identical on every run", async () => {
    const [first, second] = [await fresh(), await fresh()];
    for (const file of ["openapi.json", "openapi.yaml"]) {
      expect(await readFile(join(first, file))).toEqual(await readFile(join(second, file)));
    }
  });

  it("is reported stale, by file name, when a bundled file is edited by hand", async () => {
    const edited = await fresh();
    const committed = await fresh();
    await writeFile(join(edited, "openapi.yaml"), "# edited by hand\n", { flag: "a" });
    expect(await staleFiles(edited, committed)).toEqual(["openapi.yaml"]);
  });
});
