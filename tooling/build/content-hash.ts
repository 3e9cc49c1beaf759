// Content hashes of files and folders: what the build cache compares, so a stage re-runs when what
// it reads changed, not when a file was merely touched.
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";

export const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** Every file under `path` (or `path` itself), relative to `root`, sorted; missing paths are skipped. */
async function filesUnder(root: string, path: string): Promise<string[]> {
  const absolute = join(root, path);
  const info = await stat(absolute).catch(() => undefined);
  if (!info) return [];
  if (info.isFile()) return [path];
  const entries = await readdir(absolute, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

/** The hash of one file's bytes, or undefined when it does not exist. */
export async function fileHash(root: string, path: string): Promise<string | undefined> {
  return readFile(join(root, path)).then(sha256, () => undefined);
}

/** One hash over every file under `paths`: their names and their bytes. */
export async function treeHash(root: string, paths: readonly string[]): Promise<string> {
  const files = [...new Set((await Promise.all(paths.map((path) => filesUnder(root, path)))).flat())].sort();
  const parts = await Promise.all(files.map(async (file) => `${file}\0${await fileHash(root, file)}`));
  return sha256(parts.join("\n"));
}
