// Starts the Prism mock on the bundle, on 127.0.0.1 and a free port, and stops it by PID.
// A stand-in until the mock module of the docs branch (`npm run mock`) is on main; the two are
// meant to be merged into one.
import { spawn } from "node:child_process";
import { BUNDLE_JSON, ROOT } from "../scripts/lib/paths.ts";
import { QUIET_TOOL_ENV } from "../scripts/lib/run.ts";

export interface RunningPrism {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const READY = /Prism is listening on (http:\/\/\S+)/;
const START_TIMEOUT_MS = 60_000;

export function startPrism(spec = BUNDLE_JSON): Promise<RunningPrism> {
  // Port 0 lets the OS pick a free port; Prism prints the one it got.
  const child = spawn(`${ROOT}node_modules/.bin/prism`, ["mock", spec, "--host", "127.0.0.1", "--port", "0"], {
    cwd: ROOT,
    env: { ...process.env, ...QUIET_TOOL_ENV },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  return new Promise((resolve, reject) => {
    let output = "";
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`Prism did not start: ${why}\n${output}`)));
    };
    const timer = setTimeout(() => fail(`no "listening" line within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    const onError = (error: Error) => fail(error.message);
    const onEarlyExit = (code: number | null) => fail(`it exited with ${code}`);
    child.once("error", onError);
    child.once("exit", onEarlyExit);
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
      const url = READY.exec(output)?.[1];
      if (!url || child.pid === undefined) return;
      clearTimeout(timer);
      child.off("exit", onEarlyExit).off("error", onError);
      // Prism logs every request; keep draining its pipes so it never blocks on a full one.
      child.stdout.removeAllListeners("data").resume();
      child.stderr.removeAllListeners("data").resume();
      resolve({ url, pid: child.pid, stop });
    });
  });
}
