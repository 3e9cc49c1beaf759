// Builds the package into dist/: JavaScript and declarations for src/ and the generated client
// code. `npm pack` runs it (prepack).
import { cp, rm } from "node:fs/promises";
import { join } from "node:path";
import { GENERATED_DIR, ROOT } from "../spec/paths.ts";
import { run } from "../tooling/process/run.ts";

const DIST_DIR = join(ROOT, "dist");

export async function build(): Promise<void> {
  await rm(DIST_DIR, { recursive: true, force: true });
  await run("tsc", ["-p", "tsconfig.build.json"]);
  // tsc does not copy declaration files; the compiled declarations import this one.
  await cp(join(GENERATED_DIR, "schema.d.ts"), join(DIST_DIR, "generated", "schema.d.ts"));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await build();
  console.log(`Built ${DIST_DIR}`);
}
