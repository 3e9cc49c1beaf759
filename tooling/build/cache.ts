// The build cache: for each stage, the hash of what it read and of what it wrote the last time it
// succeeded. A stage is fresh when its inputs hash the same and its outputs are still what it wrote.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { fileHash } from "./content-hash.ts";

export interface StageRecord {
  inputs: string;
  outputs: Record<string, string>;
}

export type BuildCache = Record<string, StageRecord>;

export async function readCache(file: string): Promise<BuildCache> {
  return readFile(file, "utf8").then((text) => JSON.parse(text) as BuildCache, () => ({}));
}

export async function writeCache(file: string, cache: BuildCache): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(cache, null, 2)}\n`);
}

export async function outputHashes(root: string, outputs: readonly string[]): Promise<Record<string, string>> {
  const entries = await Promise.all(outputs.map(async (path) => [path, await fileHash(root, path)] as const));
  return Object.fromEntries(entries.filter((entry): entry is readonly [string, string] => entry[1] !== undefined));
}

/** True when the recorded run read the same inputs and its outputs are untouched. */
export async function isFresh(root: string, record: StageRecord | undefined, inputs: string, outputs: readonly string[]): Promise<boolean> {
  if (!record || record.inputs !== inputs) return false;
  const current = await outputHashes(root, outputs);
  return outputs.every((path) => current[path] !== undefined && current[path] === record.outputs[path]);
}
