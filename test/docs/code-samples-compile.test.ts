// The TypeScript samples of the reference compile against the package they import, with the
// project's strict settings: a sample that calls a function wrongly fails here, not in a reader's
// editor.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { codeSamples } from "../../scripts/lib/code-samples.ts";
import { loadBundle, operations } from "../../spec/openapi.ts";
import { ROOT } from "../../spec/paths.ts";

// Inside the repository, so that `@messages-dev/api-toolkit` resolves to this package (src/).
const SCRATCH = join(ROOT, ".cache", "code-samples");

/** Type-checks each source as its own module, with tsconfig.json's options; answers the errors by file. */
async function typeErrors(sources: Record<string, string>): Promise<Record<string, string[]>> {
  await rm(SCRATCH, { recursive: true, force: true });
  await mkdir(SCRATCH, { recursive: true });
  const files = await Promise.all(
    Object.entries(sources).map(async ([name, source]) => {
      const file = join(SCRATCH, `${name}.ts`);
      await writeFile(file, source);
      return file;
    }),
  );
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  // A sample ends with its result in a variable for the reader to use, so unused locals are fine.
  const program = ts.createProgram(files, { ...config.options, noEmit: true, noUnusedLocals: false });
  const errors: Record<string, string[]> = Object.fromEntries(Object.keys(sources).map((name) => [name, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file?.fileName;
    const name = file?.startsWith(SCRATCH) ? file.slice(SCRATCH.length + 1, -3) : "elsewhere";
    (errors[name] ??= []).push(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
  }
  return errors;
}

afterAll(() => rm(SCRATCH, { recursive: true, force: true }));

describe("the TypeScript code samples", () => {
  it("compile against the package, every one", async () => {
    const spec = loadBundle();
    const sources = Object.fromEntries(operations(spec).map((op) => [op.operationId, codeSamples(spec, op)[1]!.source]));
    const errors = await typeErrors(sources);
    expect(Object.entries(errors).filter(([, list]) => list.length > 0)).toEqual([]);
  });

  it("would be caught calling an operation with a wrong argument", async () => {
    const errors = await typeErrors({
      wrong: `import { sendMessage } from "@messages-dev/api-toolkit";\nawait sendMessage({ from: "+15551234567", to: 42 });\n`,
    });
    expect(errors.wrong).not.toEqual([]);
  });
});
