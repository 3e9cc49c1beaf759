import { spawn } from "node:child_process";
import { realpathSync } from "node:fs";
import { ROOT } from "../../spec/paths.ts";

/** Tools that phone home unless told not to; every stage runs with these set. */
const QUIET_TOOL_ENV = {
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
 * the tool's own message when it exits non-zero, so the caller can show what failed. `quiet`
 * keeps the output of a successful run to the caller.
 */
export function run(tool: string, args: readonly string[], options: { quiet?: boolean } = {}): Promise<RunResult> {
  const script = realpathSync(`${ROOT}node_modules/.bin/${tool}`);
  return execute(process.execPath, [...SHORT_RUN_FLAGS, script, ...args], tool, options);
}

/** Runs a TypeScript file in a child Node.js with the tsx loader (one process, unlike the tsx CLI). */
export function runTypeScript(file: string, args: readonly string[], options: { quiet?: boolean } = {}): Promise<RunResult> {
  return execute(process.execPath, [...SHORT_RUN_FLAGS, "--import", "tsx", file, ...args], file, options);
}

// These tools run for about a second: too short for V8's optimizing compiler to repay its work,
// which it does on another thread and so takes the second core from the stage running beside it.
// Without it each run costs a quarter less CPU and no more wall time.
const SHORT_RUN_FLAGS = ["--no-opt"];

/** Runs any command (in `cwd`, the project root by default), resolving and rejecting as `run` does. */
export function execute(command: string, args: readonly string[], label: string, options: { quiet?: boolean; cwd?: string }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
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
      if (!options.quiet) {
        process.stdout.write(stdout);
        process.stderr.write(stderr);
      }
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${label} ${args.join(" ")} exited with ${code}\n${stderr || stdout}`));
    });
  });
}
