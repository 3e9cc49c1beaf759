// The curl samples the reference shows, run as they are against the mock (only the production base
// URL swapped for the mock's): each one must get its operation's documented success status.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { isObject, loadBundle, operations, productionUrl, type JsonObject } from "../../spec/openapi.ts";
import { requestExample, successResponse } from "../../spec/request-examples.ts";

const spec = loadBundle();
const mockUrl = inject("mockUrl");
const production = productionUrl(spec);
const run = promisify(execFile);

const curlSample = (node: JsonObject) => {
  const samples = Array.isArray(node["x-codeSamples"]) ? node["x-codeSamples"] : [];
  const curl = samples.find((sample) => isObject(sample) && sample.label === "curl");
  return isObject(curl) ? String(curl.source) : undefined;
};

describe("the curl samples", () => {
  let workdir: string;
  beforeAll(async () => {
    workdir = await mkdtemp(join(tmpdir(), "curl-samples-"));
    // The upload sample sends a file from the current folder, named by its X-Filename example.
    for (const operation of operations(spec)) {
      const { body, headers } = requestExample(spec, operation);
      for (const [name, value] of Object.entries(headers)) if (body?.binary && /filename/i.test(name)) await writeFile(join(workdir, value), "bytes");
    }
  });
  afterAll(() => rm(workdir, { recursive: true, force: true }));

  const runSample = async (source: string, apiKey: string) => {
    const command = `${source.replaceAll(production, mockUrl)} -s -o /dev/null -w '%{http_code}'`;
    const { stdout } = await run("bash", ["-c", command], { cwd: workdir, env: { ...process.env, MESSAGES_API_KEY: apiKey } });
    return Number(stdout);
  };

  it.each(operations(spec).map((operation) => [operation.operationId, operation] as const))(
    "%s's sample gets its success status from the mock",
    async (_, operation) => {
      const source = curlSample(operation.node);
      expect(source).toContain(`${production}${operation.path}`);
      expect(await runSample(source!, "sk_live_sample")).toBe(Number(successResponse(spec, operation).status));
    },
  );

  it("gets a 401 when MESSAGES_API_KEY is not set, so the samples really send it", async () => {
    const [operation] = operations(spec);
    expect(await runSample(curlSample(operation!.node)!, "")).toBe(401);
  });
});
