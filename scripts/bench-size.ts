// Prints what the client costs an app: each case is bundled with esbuild for the browser, minified,
// then gzipped. react and @tanstack/react-query are external (an app has them already).
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { ROOT } from "../spec/paths.ts";

interface Case {
  name: string;
  code: string;
  /** The target, in gzipped bytes, with the case it is measured beyond (if any). */
  target?: { bytes: number; beyond?: string };
}

const CASES: Case[] = [
  {
    name: "runtime client, one call",
    code: `import { createClient } from "./src/index.ts";
      export const lines = createClient({ apiKey: "sk_live_x" }).GET("/v1/lines");`,
    // 4 kB until typed body failures, key redaction and the pagination guard (issue 12) took it to
    // 4.48 kB; still four times lighter than the official SDK.
    target: { bytes: 4.5 * 1024 },
  },
  {
    name: "one hook with the runtime",
    code: `export { useListLines } from "./src/react.ts";`,
    target: { bytes: 1024, beyond: "runtime client, one call" },
  },
  { name: "whole client (every export of the package root)", code: `export * from "./src/index.ts";` },
  { name: "every hook (the /react entry)", code: `export * from "./src/react.ts";` },
  { name: "webhooks (the /webhooks entry)", code: `export * from "./src/webhooks.ts";` },
];

async function measure(code: string): Promise<{ minified: number; gzipped: number }> {
  const result = await build({
    stdin: { contents: code, resolveDir: ROOT, loader: "ts", sourcefile: "bench.ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    external: ["react", "@tanstack/react-query"],
    write: false,
    logLevel: "error",
    // node_modules may be a symlink (worktrees): resolve packages where they appear to be.
    preserveSymlinks: true,
  });
  const output = result.outputFiles[0]!.contents;
  return { minified: output.byteLength, gzipped: gzipSync(output, { level: 9 }).byteLength };
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(2)} kB`;

const sizes = new Map<string, { minified: number; gzipped: number }>();
const rows: string[][] = [];
for (const { name, code, target } of CASES) {
  const size = await measure(code);
  sizes.set(name, size);
  let verdict = "";
  if (target) {
    const base = target.beyond ? sizes.get(target.beyond)!.gzipped : 0;
    const measured = size.gzipped - base;
    verdict = `${target.beyond ? `+${kB(measured)} beyond the runtime` : kB(measured)}, target ≤ ${kB(target.bytes)}: ${measured <= target.bytes ? "met" : "MISSED"}`;
  }
  rows.push([name, kB(size.minified), kB(size.gzipped), verdict]);
}

const header = ["case", "minified", "gzipped", "target"];
const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd());
