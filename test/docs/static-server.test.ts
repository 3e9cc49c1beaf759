import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningService } from "../../tooling/process/service.ts";
import { serveStatic } from "../../tooling/process/static-server.ts";

describe("the docs server", () => {
  let parent: string;
  let server: RunningService;
  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), "static-"));
    await mkdir(join(parent, "site"));
    await writeFile(join(parent, "site", "index.html"), "<title>reference</title>");
    await writeFile(join(parent, "secret.txt"), "outside the site");
    server = await serveStatic({ root: join(parent, "site"), port: 0 });
  });
  afterAll(async () => {
    await server.close();
    await rm(parent, { recursive: true, force: true });
  });

  it("serves index.html for the root, on loopback, as HTML", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await response.text()).toBe("<title>reference</title>");
  });

  it.each(["/missing.js", "/lines", "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/%E0%A4%A"])("answers 404 for %s", async (path) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("outside the site");
  });

  it("refuses to write", async () => {
    expect((await fetch(`${server.url}/`, { method: "POST", body: "x" })).status).toBe(405);
  });
});
