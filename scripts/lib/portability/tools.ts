// The outside generators of the portability check live in portability/, with their own
// package.json and lockfile, so they add nothing to the root `npm ci`. They are installed on first
// use (and again whenever the lockfile changes), from the npm registry, preferring npm's cache.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../../spec/paths.ts";
import { execute } from "../../../tooling/process/run.ts";

export const PORTABILITY_DIR = join(ROOT, "portability");
export const PORTABILITY_MODULES = join(PORTABILITY_DIR, "node_modules");
const LOCKFILE = join(PORTABILITY_DIR, "package-lock.json");
/** The hash of the lockfile the installed node_modules were made from. */
const STAMP = join(PORTABILITY_MODULES, ".installed-from");

const lockHash = () => createHash("sha256").update(readFileSync(LOCKFILE)).digest("hex");

/** Installs portability/'s tools unless they are installed from this very lockfile. Answers whether it installed. */
export async function ensurePortabilityTools(): Promise<boolean> {
  const hash = lockHash();
  if (existsSync(STAMP) && readFileSync(STAMP, "utf8") === hash) return false;
  await execute("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund"], "npm ci (portability/)", { quiet: true, cwd: PORTABILITY_DIR });
  writeFileSync(STAMP, hash);
  return true;
}

/** A tool's executable in portability/node_modules/.bin, run with this Node.js. */
export function runPortabilityTool(tool: string, args: readonly string[]): Promise<unknown> {
  return execute(process.execPath, [join(PORTABILITY_MODULES, ".bin", tool), ...args], tool, { quiet: true, cwd: PORTABILITY_DIR });
}

/** The exact version portability/package.json pins for a package. */
export function pinnedVersion(name: string): string {
  const manifest = JSON.parse(readFileSync(join(PORTABILITY_DIR, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
  const version = manifest.devDependencies[name];
  if (!version) throw new Error(`portability/package.json does not pin ${name}`);
  return version;
}
