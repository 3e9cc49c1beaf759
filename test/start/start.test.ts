// `npm start` serves the mock and the docs, and Ctrl-C or SIGTERM leaves no process behind.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { loadBundle, operations } from "../../spec/openapi.ts";
import { ROOT } from "../../spec/paths.ts";
import { AUTHORIZATION } from "../mock/example-request.ts";

const spec = loadBundle();

/** Every process below `pid`, read from /proc (Linux). */
function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      children.push(...readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number));
    }
  } catch {
    children = [];
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

const commandLine = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return undefined;
  }
};

/** Resolves with the URLs `npm start` prints, once it says everything is up. */
function servedUrls(child: ChildProcess): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes("Ctrl-C stops everything.")) return;
      resolve(Object.fromEntries([...output.matchAll(/^ {2}(\S.*?)\s+(http:\/\/127\.0\.0\.1:\d+)$/gm)].map((m) => [m[1]!, m[2]!])));
    });
    child.once("exit", (code) => reject(new Error(`npm start exited (${code}) before serving:\n${output}`)));
  });
}

const started: ChildProcess[] = [];
// A failed assertion must not leave the servers running: stop whatever is still up, gracefully.
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGTERM");
});

function startScript(): ChildProcess {
  // Plain node with the tsx loader: the tsx CLI relays signals through a wrapper process that
  // gives up after 30 ms under load and exits 130.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: ROOT,
    env: { ...process.env, MOCK_PORT: "0", DOCS_PORT: "0", EMULATOR_PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  started.push(child);
  return child;
}

describe("npm start", () => {
  it.each([
    ["Ctrl-C (SIGINT to its process group)", (pid: number) => process.kill(-pid, "SIGINT")],
    ["SIGTERM to the process", (pid: number) => process.kill(pid, "SIGTERM")],
  ])("serves the mock and the docs, and %s stops every process it started", async (_, stop) => {
    const child = startScript();
    const urls = await servedUrls(child);
    expect(Object.keys(urls)).toEqual(expect.arrayContaining(["Mock (Prism)", "Docs"]));

    const docs = await fetch(urls.Docs!);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain(`<title>${String((spec.info as { title: string }).title)}</title>`);
    const [operation] = operations(spec);
    const mock = await fetch(new URL(operation!.path, urls["Mock (Prism)"]), { headers: AUTHORIZATION });
    expect(mock.status).toBe(200);

    const processes = descendants(child.pid!);
    expect(processes.map(commandLine).join("\n")).toContain("prism");

    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    stop(child.pid!);
    expect(await exited).toBe(0);
    await expect.poll(() => processes.filter((pid) => commandLine(pid) !== undefined), { timeout: 10_000 }).toEqual([]);
  });
});
