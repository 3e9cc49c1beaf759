import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DYNAMIC_SEED, prismArgs } from "../../tooling/process/mock-server.ts";
import { ROOT } from "../../spec/paths.ts";
import { freePort, portFromEnv, spawnService, type ChildService } from "../../tooling/process/service.ts";

const alive = (pid: number) => {
  try {
    return !readFileSync(`/proc/${pid}/stat`, "utf8").split(" ")[2]!.startsWith("Z");
  } catch {
    return false;
  }
};

/** A server that also forks a long-lived grandchild into its process group, and prints its PID. */
const serverWithGrandchild = (port: number) =>
  [
    "-e",
    `const { spawn } = require("node:child_process");
     const grandchild = spawn("sleep", ["300"], { stdio: "ignore" });
     console.log("grandchild " + grandchild.pid);
     require("node:http").createServer((q, s) => s.end("ok")).listen(${port}, "127.0.0.1");`,
  ];

describe("spawnService", () => {
  const running: ChildService[] = [];
  afterEach(() => Promise.all(running.splice(0).map((service) => service.close())));

  it("resolves once the server accepts connections, and close() stops it with its whole process group", async () => {
    const port = await freePort();
    const service = await spawnService({ name: "test server", command: process.execPath, args: serverWithGrandchild(port), port });
    running.push(service);
    expect(await (await fetch(service.url)).text()).toBe("ok");
    const grandchild = Number(readFileSync(`/proc/${service.pid}/task/${service.pid}/children`, "utf8").trim().split(" ")[0]);
    expect(alive(service.pid) && alive(grandchild)).toBe(true);

    await service.close();
    await expect.poll(() => [alive(service.pid), alive(grandchild)]).toEqual([false, false]);
  });

  it("leaves no timer behind once close() has stopped the server, so the caller can exit at once", () => {
    // In a process of its own: the test runner's timers would blur the count here.
    const script = `
      import { freePort, spawnService } from "./tooling/process/service.ts";
      const port = await freePort();
      const service = await spawnService({ name: "s", command: process.execPath, args: ["-e", 'require("node:http").createServer((q, s) => s.end()).listen(' + port + ', "127.0.0.1")'], port });
      await service.close();
      console.log(JSON.stringify(process.getActiveResourcesInfo().filter((resource) => resource === "Timeout")));`;
    const scratch = mkdtempSync(join(tmpdir(), "service-"));
    const file = join(scratch, "close.mts");
    writeFileSync(file, script.replace("./tooling/process/service.ts", `${ROOT}tooling/process/service.ts`));
    try {
      const output = execFileSync(`${ROOT}node_modules/.bin/tsx`, [file], { encoding: "utf8" });
      expect(JSON.parse(output)).toEqual([]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it("rejects with the child's own output when it exits before listening", async () => {
    const port = await freePort();
    const failing = spawnService({ name: "broken server", command: process.execPath, args: ["-e", `console.error("cannot read the spec"); process.exit(3)`], port });
    await expect(failing).rejects.toThrow(/broken server exited \(code 3\)[\s\S]*cannot read the spec/);
  });
});

describe("ports", () => {
  it("reads a port from the environment, 0 meaning any free port", () => {
    process.env.TEST_PORT = "0";
    expect(portFromEnv("TEST_PORT", 4010)).toBe(0);
    delete process.env.TEST_PORT;
    expect(portFromEnv("TEST_PORT", 4010)).toBe(4010);
  });

  it.each(["abc", "70000", "-1", "4010.5"])("refuses %s as a port, naming the variable", (value) => {
    process.env.TEST_PORT = value;
    expect(() => portFromEnv("TEST_PORT", 4010)).toThrow(`TEST_PORT=${value} is not a port number`);
    delete process.env.TEST_PORT;
  });
});

describe("the Prism command line", () => {
  it("serves static examples quietly on loopback by default", () => {
    const args = prismArgs({ port: 4010 });
    expect(args).toEqual(expect.arrayContaining(["--host", "127.0.0.1", "--port", "4010", "--verboseLevel", "warn"]));
    expect(args).not.toContain("--dynamic");
  });

  it("pins the seed and forbids invented properties in dynamic mode", () => {
    expect(prismArgs({ port: 0, dynamic: true })).toEqual(
      expect.arrayContaining(["--dynamic", "--seed", DYNAMIC_SEED, "--json-schema-faker-fillProperties=false"]),
    );
  });
});
