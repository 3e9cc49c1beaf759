// The package as users get it: `npm pack` (which builds dist/), installed into a fresh consumer
// project, every entry point imported at runtime and type-checked from its declarations. The
// tarball's dependencies install from the npm cache (--prefer-offline); the optional peers (react,
// React Query, msw) are linked from this repo's node_modules, so nothing needs the network.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../spec/paths.ts";

const exec = promisify(execFile);
const PEERS = ["react", "@tanstack/react-query", "msw"];

const RUNTIME_CHECK = `
import * as root from "@messages-dev/api-toolkit";
import * as react from "@messages-dev/api-toolkit/react";
import * as zod from "@messages-dev/api-toolkit/zod";
import * as msw from "@messages-dev/api-toolkit/msw";
import * as webhooks from "@messages-dev/api-toolkit/webhooks";
import spec from "@messages-dev/api-toolkit/openapi.json" with { type: "json" };

const delivery = await webhooks.buildWebhookDelivery("reaction.removed", {}, "whsec_test", { timestamp: 1 });
const event = await webhooks.verifyWebhook(delivery.body, delivery.headers, "whsec_test", { now: 1 });
console.log(JSON.stringify({
  root: Object.keys(root).sort(),
  react: Object.keys(react).sort(),
  zod: Object.keys(zod).length,
  msw: typeof msw.getMessagesDevAPIMock,
  webhook: event.event,
  openapi: spec.openapi,
  client: typeof root.createClient({ apiKey: "sk_live_test" }).GET,
}));
`;

const TYPE_CHECK = `
import { createClient, sendMessage, type MessagesClient, type MessagesError } from "@messages-dev/api-toolkit";
import { useSendMessage } from "@messages-dev/api-toolkit/react";
import { SendMessageBody } from "@messages-dev/api-toolkit/zod";
import { getMessagesDevAPIMock } from "@messages-dev/api-toolkit/msw";
import { verifyWebhook, type WebhookEvent } from "@messages-dev/api-toolkit/webhooks";
import spec from "@messages-dev/api-toolkit/openapi.json" with { type: "json" };

export const client: MessagesClient = createClient({ apiKey: "sk_live_test" });
export const sent: Promise<{ status: "pending" }> = sendMessage({ from: "+15551234567", to: "+15559876543", text: "Hi" });
// @ts-expect-error the declarations know the paths
export const wrong = client.GET("/v1/nope", {});
// @ts-expect-error the declarations know the required fields
export const missing = SendMessageBody.parse({}).subject;
export type Hook = ReturnType<typeof useSendMessage>["error"] extends MessagesError | Error | null ? true : never;
export const handlers: unknown[] = getMessagesDevAPIMock();
export const verify: (body: string, headers: Headers, secret: string) => Promise<WebhookEvent> = verifyWebhook;
export const version: string = spec.info.version;
`;

async function npm(args: string[], cwd: string): Promise<string> {
  const { stdout } = await exec("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, env: { ...process.env, npm_config_update_notifier: "false" } });
  return stdout;
}

describe("the packed package", () => {
  let work: string;
  let consumer: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "pack-test-"));
    consumer = join(work, "consumer");
    await mkdir(consumer);
    // prepack (the build) prints before npm's JSON.
    const output = await npm(["pack", "--json", "--pack-destination", work], ROOT);
    const [packed] = JSON.parse(output.slice(output.search(/^\[$/m))) as Array<{ filename: string }>;
    await writeFile(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    await npm(["install", join(work, packed!.filename), "--prefer-offline", "--ignore-scripts", "--legacy-peer-deps", "--no-package-lock"], consumer);
    for (const peer of PEERS) {
      const link = join(consumer, "node_modules", peer);
      await mkdir(dirname(link), { recursive: true });
      await symlink(join(ROOT, "node_modules", peer), link, "dir");
    }
    await writeFile(join(consumer, "runtime-check.mjs"), RUNTIME_CHECK);
    await writeFile(join(consumer, "type-check.ts"), TYPE_CHECK);
  }, 300_000);

  afterAll(() => rm(work, { recursive: true, force: true }));

  it("imports every entry point at runtime", async () => {
    const { stdout } = await exec("node", ["runtime-check.mjs"], { cwd: consumer });
    const loaded = JSON.parse(stdout) as { root: string[]; react: string[]; zod: number; msw: string; webhook: string; openapi: string; client: string };
    expect(loaded.root).toEqual(expect.arrayContaining(["createClient", "configure", "paginate", "getFileUrl", "MessagesError", "RateLimitError", "sendMessage", "listMessages", "uploadFile", "servers"]));
    expect(loaded.react).toEqual(expect.arrayContaining(["useListMessages", "useSendMessage", "getListMessagesQueryKey"]));
    expect(loaded).toMatchObject({ msw: "function", webhook: "reaction.removed", openapi: "3.1.0", client: "function" });
    expect(loaded.zod).toBeGreaterThan(100);
  });

  it("type-checks every entry point from its declarations", async () => {
    const tsconfig = {
      compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: false, resolveJsonModule: true, lib: ["ES2023", "DOM", "DOM.Iterable"], types: [] },
      files: ["type-check.ts"],
    };
    await writeFile(join(consumer, "tsconfig.json"), JSON.stringify(tsconfig));
    await expect(exec(join(ROOT, "node_modules/.bin/tsc"), ["-p", "."], { cwd: consumer })).resolves.toBeDefined();
  });

  it("fails the type check on a mistake, so the check above means something", async () => {
    await writeFile(join(consumer, "type-check.ts"), `${TYPE_CHECK}\nexport const bad = sendMessage({ to: "+15559876543" });\n`);
    const failure = await exec(join(ROOT, "node_modules/.bin/tsc"), ["-p", "."], { cwd: consumer }).catch((error: { stdout: string }) => error.stdout);
    expect(failure).toMatch(/type-check\.ts\(\d+,\d+\): error TS\d+/);
    await writeFile(join(consumer, "type-check.ts"), TYPE_CHECK);
  });

  it("ships the built code and the bundled spec, not the sources", async () => {
    const [listing] = JSON.parse(await npm(["pack", "--dry-run", "--json", "--ignore-scripts"], ROOT)) as Array<{ files: Array<{ path: string }> }>;
    const paths = listing!.files.map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining(["dist/src/index.js", "dist/src/index.d.ts", "dist/generated/schema.d.ts", "generated/openapi.json", "package.json"]));
    expect(paths.filter((path) => path.startsWith("src/") || path.startsWith("test/") || path.startsWith("openapi/"))).toEqual([]);
  });
});
