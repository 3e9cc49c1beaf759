// node:sqlite is flagged experimental on Node 22 and warns when first loaded. The emulator drops
// that one warning (the runtime subset runs this on 22); any other warning still reaches stderr.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../spec/paths.ts";

const run = promisify(execFile);

/** stderr of a Node process that runs `code` after importing the emulator's database module. */
async function stderrAfterLoading(code: string): Promise<string> {
  const script = `const { openDatabase } = await import("./emulator/state/db.ts"); openDatabase().close(); ${code}`;
  const { stderr } = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT });
  return stderr;
}

describe(`loading SQLite on Node ${process.versions.node}`, () => {
  it("prints no ExperimentalWarning about SQLite", async () => {
    expect(await stderrAfterLoading("")).not.toMatch(/SQLite/);
  });

  it("lets any other warning through", async () => {
    expect(await stderrAfterLoading(`process.emitWarning("Something else", "ExperimentalWarning");`)).toMatch(/ExperimentalWarning: Something else/);
  });
});
