// Fails, naming the files, when generated/ is not what the pipeline produces from the current
// spec: someone edited a generated file by hand, or changed the spec without regenerating.
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { generateAll } from "./generate.ts";
import { GENERATED_DIR } from "../spec/paths.ts";

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

/** Paths (relative to generated/) that differ between the two folders, or exist in only one. */
export async function staleFiles(fresh: string, committed = GENERATED_DIR): Promise<string[]> {
  const [a, b] = await Promise.all([listFiles(fresh), listFiles(committed).catch(() => [])]);
  const stale: string[] = [];
  for (const file of new Set([...a, ...b])) {
    const [x, y] = await Promise.all([readFile(join(fresh, file)).catch(() => null), readFile(join(committed, file)).catch(() => null)]);
    if (!x || !y || !x.equals(y)) stale.push(file);
  }
  return stale.sort();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fresh = await mkdtemp(join(tmpdir(), "generated-"));
  try {
    await generateAll(fresh);
    const stale = await staleFiles(fresh);
    if (stale.length > 0) {
      console.error(`generated/ is stale. These files differ from a fresh generation:\n${stale.map((f) => `  generated/${f}`).join("\n")}`);
      console.error("Run `npm run generate` and commit the result. Never edit generated/ by hand.");
      process.exitCode = 1;
    } else {
      console.log("generated/ is up to date.");
    }
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
}
