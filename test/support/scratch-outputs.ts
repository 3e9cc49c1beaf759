// Folders a test generates into, each new and each removed after the suite.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

/** A function that makes a new temporary folder, lets `produce` write into it, and answers its path. */
export function scratchOutputs(prefix: string, produce: (dir: string) => Promise<void>): () => Promise<string> {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    dirs.push(dir);
    await produce(dir);
    return dir;
  };
}
