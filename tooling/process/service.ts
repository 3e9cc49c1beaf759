// Long-running local servers (Prism, the docs server, the emulator) share one shape, so `npm start`,
// the tests and the benchmarks can start and stop any of them the same way. Child processes run in
// their own process group and are stopped by PID, group and all, so nothing outlives its owner.
import { spawn } from "node:child_process";
import { connect, createServer } from "node:net";

export const LOOPBACK = "127.0.0.1";

export interface RunningService {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ChildService extends RunningService {
  pid: number;
}

/** A port that was free a moment ago on `host`: bind port 0, read what the kernel chose, release it. */
export function freePort(host = LOOPBACK): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("No port"))));
    });
  });
}

/** True once something accepts TCP connections on host:port. No request is sent, so no server logs it. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.setTimeout(1_000);
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.once("timeout", () => done(false));
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every process group still running; killed if this process exits without closing them. */
const liveGroups = new Set<number>();
process.once("exit", () => {
  for (const pid of liveGroups) killGroup(pid, "SIGKILL");
});

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

export interface SpawnServiceOptions {
  name: string;
  command: string;
  args: readonly string[];
  port: number;
  host?: string;
  env?: Record<string, string>;
  /** Forward the child's output to ours (for interactive use); otherwise keep it for error messages only. */
  echo?: boolean;
  readyTimeoutMs?: number;
}

/**
 * Spawns a server process and resolves once it accepts connections on its port. Rejects with the child's
 * own output if it exits first or does not answer in time (and then leaves nothing running).
 */
export async function spawnService(options: SpawnServiceOptions): Promise<ChildService> {
  const { name, command, args, port, host = LOOPBACK, echo = false, readyTimeoutMs = 30_000 } = options;
  const child = spawn(command, args, {
    env: { ...process.env, ...options.env },
    stdio: ["ignore", echo ? "inherit" : "pipe", echo ? "inherit" : "pipe"],
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name}: could not start ${command}`);
  liveGroups.add(pid);

  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exitCode = code ?? (signal ? -1 : null);
      liveGroups.delete(pid);
      resolve();
    }),
  );

  const close = async () => {
    if (exitCode !== undefined) return;
    killGroup(pid, "SIGTERM");
    // The grace timer is cleared once the child exits; left pending, it would hold the caller's process open for 5 s.
    let grace: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<boolean>((resolve) => (grace = setTimeout(() => resolve(false), 5_000)));
    const stopped = await Promise.race([exited.then(() => true), gaveUp]);
    clearTimeout(grace);
    if (!stopped || alive(pid)) killGroup(pid, "SIGKILL");
    await exited;
    // Grandchildren in the group may outlive the leader by a moment.
    killGroup(pid, "SIGKILL");
  };

  const url = `http://${host}:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  while (!(await accepts(host, port))) {
    if (exitCode !== undefined) throw new Error(`${name} exited (code ${exitCode}) before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      await close();
      throw new Error(`${name} did not answer on ${url} within ${readyTimeoutMs} ms:\n${output}`);
    }
    await sleep(25);
  }
  return { url, port, pid, close };
}

/** A port from an environment variable (0 = any free port), or `fallback` when it is unset. */
export function portFromEnv(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`${variable}=${raw} is not a port number (0-65535; 0 picks a free port).`);
  }
  return port;
}

/** Keeps the services running until Ctrl-C or SIGTERM, then stops them all and exits. */
export function stopOnSignal(services: readonly RunningService[]): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await Promise.allSettled(services.map((service) => service.close()));
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
