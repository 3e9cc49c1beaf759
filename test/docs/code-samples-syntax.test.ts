// The reference's Go, Ruby and PHP samples, checked by their own toolchains (Debian's golang-go,
// ruby and php-cli, which .ci/run installs): `go vet` type-checks and vets, `ruby -c` and `php -l`
// check the syntax. curl, JavaScript and Python run against the mock in test/mock/.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundledSample } from "../../scripts/lib/code-samples.ts";
import { loadBundle, operations } from "../../spec/openapi.ts";

const spec = loadBundle();
const run = promisify(execFile);

const CHECKERS: Record<string, { file: string; command: string; args: (file: string) => string[] }> = {
  Go: { file: "main.go", command: "go", args: (file) => ["vet", file] },
  Ruby: { file: "sample.rb", command: "ruby", args: (file) => ["-c", file] },
  PHP: { file: "sample.php", command: "php", args: (file) => ["-l", file] },
};

const installed = async (command: string) =>
  run("sh", ["-c", `command -v ${command}`]).then(
    () => true,
    () => false,
  );
const missing = (await Promise.all(Object.values(CHECKERS).map(async ({ command }) => ((await installed(command)) ? [] : [command])))).flat();
if (missing.length > 0) {
  const how = "install Debian's golang-go, ruby and php-cli (.ci/run does)";
  if (process.env.CI) throw new Error(`The Go, Ruby and PHP samples must be checked in CI, but ${missing.join(", ")} is missing: ${how}.`);
  console.warn(`\n  Syntax check of the Go, Ruby and PHP samples SKIPPED: ${missing.join(", ")} not found. To run it, ${how}.\n`);
}

describe.skipIf(missing.length > 0)("the Go, Ruby and PHP samples", () => {
  let workdir: string;
  beforeAll(async () => {
    workdir = await mkdtemp(join(tmpdir(), "code-samples-syntax-"));
  });
  afterAll(() => rm(workdir, { recursive: true, force: true }));

  /** Checks one source and returns the checker's complaint, or "" when it passes. */
  const check = async (lang: string, source: string, name: string): Promise<string> => {
    const checker = CHECKERS[lang]!;
    const dir = join(workdir, name);
    await run("mkdir", ["-p", dir]);
    await writeFile(join(dir, checker.file), source);
    return run(checker.command, checker.args(checker.file), { cwd: dir, env: { ...process.env, GOFLAGS: "-mod=mod", GO111MODULE: "off" } }).then(
      () => "",
      (error: { stderr?: string; stdout?: string }) => `${error.stderr ?? ""}${error.stdout ?? ""}` || "failed",
    );
  };

  const cases = operations(spec).flatMap((operation) => Object.keys(CHECKERS).map((lang) => [operation.operationId, lang, operation] as const));

  it.each(cases)("%s: the %s sample passes its check", async (operationId, lang, operation) => {
    expect(await check(lang, bundledSample(operation, lang), `${operationId}-${lang}`)).toBe("");
  });

  it.each(Object.keys(CHECKERS))("the %s check fails a sample with a syntax error or an unused import", async (lang) => {
    const [operation] = operations(spec);
    const source = bundledSample(operation!, lang);
    // Go also refuses an import it does not use; the others a dangling bracket.
    const broken = lang === "Go" ? source.replace("import (\n", 'import (\n\t"strconv"\n') : `${source}\n(`;
    expect(await check(lang, broken, `broken-${lang}`)).not.toBe("");
  });
});
