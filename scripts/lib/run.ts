import { spawn } from "node:child_process";
import { ROOT } from "./paths.ts";

/** Tools that phone home unless told not to; every stage runs with these set. */
export const QUIET_TOOL_ENV = {
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  NO_UPDATE_NOTIFIER: "1",
} as const;

// Redocly prints a boxed "Node.js 20 support is ending" banner on every run; it is noise here.
const NODE_BANNER = /^\s*[╔║╚].*$/gmu;

export interface RunResult {
  stdout: string;
  stderr: string;
}

/**
 * Runs a tool from node_modules/.bin in the project root. Resolves with its output; rejects with
 * the tool's own message when it exits non-zero, so the caller can show what failed.
 */
export function run(tool: string, args: readonly string[], options: { quiet?: boolean } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(`${ROOT}node_modules/.bin/${tool}`, args, {
      cwd: ROOT,
      env: { ...process.env, ...QUIET_TOOL_ENV },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      stderr = stderr.replace(NODE_BANNER, "").replace(/\n{3,}/g, "\n\n");
      if (!options.quiet || code !== 0) {
        process.stdout.write(stdout);
        process.stderr.write(stderr);
      }
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${tool} ${args.join(" ")} exited with ${code}\n${stderr || stdout}`));
    });
  });
}
