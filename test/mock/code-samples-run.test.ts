// The reference's curl, JavaScript and Python samples, run as they are against the mock (only the
// production base URL swapped for a recording proxy in front of it): each must get its operation's
// success status and a body that validates against the bundle. Go, Ruby and PHP are compiled or
// syntax-checked in test/docs/code-samples-syntax.test.ts.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createResponseValidator, formatViolation, isSpecBehind } from "../../spec/conformance.ts";
import { bundledSample } from "../../scripts/lib/code-samples.ts";
import { loadBundle, operations, productionUrl, type Operation } from "../../spec/openapi.ts";
import { requestExample, successResponse } from "../../spec/request-examples.ts";
import { startRecordingProxy, type RecordingProxy } from "../support/recording-proxy.ts";

const spec = loadBundle();
const production = productionUrl(spec);
const validator = createResponseValidator(spec);
const run = promisify(execFile);

/** How each language's sample is run: the file it is saved as and the command that runs it. */
const RUNNERS: Record<string, { file: string; command: (file: string) => [string, string[]] }> = {
  curl: { file: "sample.sh", command: (file) => ["bash", [file]] },
  JavaScript: { file: "sample.mjs", command: (file) => ["node", [file]] },
  Python: { file: "sample.py", command: (file) => ["python3", [file]] },
};

describe("the curl, JavaScript and Python samples against the mock", () => {
  let workdir: string;
  let proxy: RecordingProxy;

  beforeAll(async () => {
    proxy = await startRecordingProxy(inject("mockUrl"));
    workdir = await mkdtemp(join(tmpdir(), "code-samples-"));
    // The upload samples send a file from the current folder, named by its X-Filename example.
    for (const operation of operations(spec)) {
      const { body, headers } = requestExample(spec, operation);
      for (const [name, value] of Object.entries(headers)) if (body?.binary && /filename/i.test(name)) await writeFile(join(workdir, value), "bytes");
    }
  });
  afterAll(async () => {
    await proxy?.close();
    await rm(workdir, { recursive: true, force: true });
  });

  /** Runs one sample and returns what it printed and the one exchange it made. */
  const runSample = async (operation: Operation, label: string, apiKey: string) => {
    const runner = RUNNERS[label]!;
    const source = bundledSample(operation, label).replaceAll(production, proxy.url);
    expect(source).not.toContain(production);
    await writeFile(join(workdir, runner.file), label === "curl" ? `${source} -sS\n` : source);
    proxy.exchanges.length = 0;
    const [command, args] = runner.command(runner.file);
    const { stdout } = await run(command, args, { cwd: workdir, env: { ...process.env, MESSAGES_API_KEY: apiKey } });
    expect(proxy.exchanges).toHaveLength(1);
    return { stdout, exchange: proxy.exchanges[0]! };
  };

  const cases = operations(spec).flatMap((operation) => Object.keys(RUNNERS).map((label) => [operation.operationId, label, operation] as const));

  it.each(cases)("%s: the %s sample gets its success status and a valid body", async (_, label, operation) => {
    expect(bundledSample(operation, label)).toContain(`${production}${operation.path}`);
    const { stdout, exchange } = await runSample(operation, label, "sk_live_sample");
    expect(exchange.status).toBe(Number(successResponse(spec, operation).status));
    const violations = validator.validate(operation.operationId, exchange).filter((finding) => !isSpecBehind(finding));
    expect(violations.map(formatViolation)).toEqual([]);
    // A redirect is shown, not followed: the sample prints where it points.
    if (exchange.status >= 300 && exchange.status < 400) expect(stdout).toContain(exchange.headers.location);
  });

  it.each(Object.keys(RUNNERS))("the %s sample sends MESSAGES_API_KEY: without it the mock answers 401", async (label) => {
    const [operation] = operations(spec);
    const { exchange } = await runSample(operation!, label, "");
    expect(exchange.status).toBe(401);
  });
});
