import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundle } from "../../scripts/bundle.ts";
import { staleFiles } from "../../scripts/check-generated.ts";

describe("the bundle", () => {
  const dirs: string[] = [];
  const fresh = async () => {
    const dir = await mkdtemp(join(tmpdir(), "bundle-test-"));
    dirs.push(dir);
    await bundle(dir);
    return dir;
  };
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it("is byte-identical on every run", async () => {
    const [first, second] = [await fresh(), await fresh()];
    for (const file of ["openapi.json", "openapi.yaml"]) {
      expect(await readFile(join(first, file))).toEqual(await readFile(join(second, file)));
    }
  });

  it("is committed as generated from the current spec", async () => {
    const stale = await staleFiles(await fresh());
    expect(stale.filter((file) => file.startsWith("openapi."))).toEqual([]);
  });

  it("is reported stale, by file name, when a bundled file is edited by hand", async () => {
    const edited = await fresh();
    const committed = await fresh();
    await writeFile(join(edited, "openapi.yaml"), "# edited by hand\n", { flag: "a" });
    expect(await staleFiles(edited, committed)).toEqual(["openapi.yaml"]);
  });
});
