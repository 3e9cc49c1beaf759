// The style guide's lint rules, each shown to fire on its bad fixture and to stay quiet on its good
// one; every failure branch of every custom function shown, by message and path, on a bad fixture
// (spectral/fixtures/<rule>/expected.yaml); and the real bundle shown to pass them all.
import * as fs from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Document, Spectral, type ISpectralDiagnostic } from "@stoplight/spectral-core";
import parsers from "@stoplight/spectral-parsers";
import { commonjs } from "@stoplight/spectral-ruleset-bundler/plugins/commonjs";
import { bundleAndLoadRuleset } from "@stoplight/spectral-ruleset-bundler/with-loader";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const RULESET = join(ROOT, ".spectral.yaml");
const FIXTURES = join(ROOT, "spectral/fixtures");
const FUNCTIONS = join(ROOT, "spectral/functions");
const BUNDLE = join(ROOT, "generated/openapi.yaml");

// DiagnosticSeverity: 0 error, 1 warning, 2 information, 3 hint.
const WARNING = 1;

interface Then {
  function?: string;
  functionOptions?: { schemas?: object };
}
const ruleset = parse(fs.readFileSync(RULESET, "utf8")) as { rules: Record<string, { message?: string; then?: Then | Then[] }> };
const ruleNames = Object.keys(ruleset.rules);
const customRules = ruleNames.filter((name) => name.startsWith("mdev-"));
const fixtureDirs = fs.readdirSync(FIXTURES).sort();

let spectral: Spectral;

beforeAll(async () => {
  spectral = new Spectral();
  // The OWASP ruleset ships as CommonJS; the CLI bundles it with the same plugin.
  spectral.setRuleset(await bundleAndLoadRuleset(RULESET, { fs, fetch }, [commonjs()]));
});

/** Lints one file as the CLI would, with its absolute path, so the ruleset's overrides apply. */
async function lint(file: string): Promise<ISpectralDiagnostic[]> {
  return spectral.run(new Document(fs.readFileSync(file, "utf8"), parsers.Yaml, file));
}

const codes = (findings: ISpectralDiagnostic[]) => new Set(findings.map((finding) => String(finding.code)));

/** A fixture states what it shows in its first line, a YAML comment: "# flags a camelCase property". */
const behaviour = (file: string) => fs.readFileSync(file, "utf8").split("\n", 1)[0]!.replace(/^#\s*/, "");

/** The bad fixtures of a rule: bad.yaml, and one bad-<case>.yaml per further failure branch. */
const badFiles = (rule: string) => fs.readdirSync(join(FIXTURES, rule)).filter((file) => /^bad.*\.yaml$/.test(file)).sort();
const expectedFindings = (rule: string) => parse(fs.readFileSync(join(FIXTURES, rule, "expected.yaml"), "utf8")) as Record<string, string[]>;

async function findingsOf(rule: string, file: string): Promise<string[]> {
  const findings = (await lint(join(FIXTURES, rule, file))).filter((finding) => finding.code === rule);
  return findings.map(({ path, message }) => `${path.join(".")}: ${message}`).sort();
}

/**
 * A function's failure branches: each message literal it reports (`report(…)`, `message: …`,
 * `return …`), as a pattern in which every `${…}` matches anything.
 */
function messageSites(source: string): RegExp[] {
  const literal = /(?:report\(|message: |return \[?)(`(?:[^`\\]|\\.)*`|"(?:[^"\\]|\\.)*")/g;
  return [...source.matchAll(literal)].map(([, text]) => {
    const parts = text!.slice(1, -1).split(/\$\{(?:[^{}]|\{[^{}]*\})*\}/);
    const unescaped = parts.map((part) => part.replace(/\\(.)/g, "$1"));
    return new RegExp(unescaped.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*"));
  });
}

describe.each(fixtureDirs)("%s", (rule) => {
  const bad = join(FIXTURES, rule, "bad.yaml");
  const good = join(FIXTURES, rule, "good.yaml");

  it(behaviour(bad), async () => {
    const [badCodes, goodCodes] = [codes(await lint(bad)), codes(await lint(good))];
    // Only the rule under test tells the pair apart: the fixtures differ in that one convention.
    expect([...badCodes].filter((code) => !goodCodes.has(code))).toEqual([rule]);
  });

  it(behaviour(good), async () => {
    expect(await findingsOf(rule, "good.yaml")).toEqual([]);
  });

  it.each(badFiles(rule))("reports on %s exactly the paths and messages expected.yaml lists", async (file) => {
    const expected = expectedFindings(rule);
    expect(Object.keys(expected).sort()).toEqual(badFiles(rule));
    expect(expected[file]!.length, `${file}: ${behaviour(join(FIXTURES, rule, file))}`).toBeGreaterThan(0);
    expect(await findingsOf(rule, file)).toEqual([...expected[file]!].sort());
  });
});

describe("the custom functions", () => {
  const functionFiles = fs.readdirSync(FUNCTIONS).filter((file) => file.endsWith(".js")).sort();
  const thenOf = (rule: string) => [ruleset.rules[rule]?.then ?? []].flat();

  it.each(functionFiles)("%s: each failure branch appears in the expected findings of a rule that uses it", (file) => {
    const name = file.replace(/\.js$/, "");
    const rules = customRules.filter((rule) => thenOf(rule).some((then) => then.function === name));
    expect(rules.length).toBeGreaterThan(0);
    const sites = messageSites(fs.readFileSync(join(FUNCTIONS, file), "utf8"));
    expect(sites.length).toBeGreaterThan(0);
    const messages = rules.flatMap((rule) => Object.values(expectedFindings(rule)).flat());
    // A rule whose message leaves out {{error}} cannot tell branches apart: its function has only one.
    if (!rules.every((rule) => ruleset.rules[rule]?.message?.includes("{{error}}"))) {
      expect(sites).toHaveLength(1);
      expect(messages.length).toBeGreaterThan(0);
      return;
    }
    expect(sites.filter((site) => !messages.some((message) => site.test(message))).map(String)).toEqual([]);
  });

  it("finds every message a function reports, with its interpolations as wildcards", () => {
    const source = 'if (a) report(`has ${n} things`, at);\nreturn [{ message: "is wrong", path }];\nreturn `uses ${k}`;\nconst x = "not a message";';
    const sites = messageSites(source);
    expect(sites.map(String)).toEqual(["/has .* things/", "/is wrong/", "/uses .*/"]);
    expect(sites[0]!.test("Operation has 3 things.")).toBe(true);
  });
});

describe(".spectral.yaml", () => {
  it("gives every mdev-* rule a fixture pair", () => {
    expect(customRules.length).toBeGreaterThan(0);
    expect(customRules.filter((rule) => !fixtureDirs.includes(rule))).toEqual([]);
  });

  it("has no fixture pair for a rule it does not define", () => {
    expect(fixtureDirs.filter((dir) => !customRules.includes(dir))).toEqual([]);
  });

  it("keys mdev-id-prefix's table by schemas the bundle has, so a renamed schema cannot slip out of it", () => {
    const bundled = new Set(Object.keys((parse(fs.readFileSync(BUNDLE, "utf8")) as { components: { schemas: object } }).components.schemas));
    const unknown = (names: string[]) => names.filter((name) => !bundled.has(name));
    const table = Object.keys([ruleset.rules["mdev-id-prefix"]?.then ?? []].flat()[0]?.functionOptions?.schemas ?? {});
    expect(table.length).toBeGreaterThan(0);
    expect(unknown(table)).toEqual([]);
    expect(unknown([...table, "File"])).toEqual(["File"]);
  });

  it("finds no error or warning in the bundled spec", async () => {
    const findings = (await lint(BUNDLE)).filter((finding) => finding.severity <= WARNING);
    expect(findings.map(({ code, path, message }) => ({ code, path: path.join("."), message }))).toEqual([]);
  });
});
