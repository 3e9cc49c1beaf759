// The style guide's lint rules, each shown to fire on its bad fixture and to stay quiet on its good
// one, and the real bundle shown to pass them all.
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
const BUNDLE = join(ROOT, "generated/openapi.yaml");

// DiagnosticSeverity: 0 error, 1 warning, 2 information, 3 hint.
const WARNING = 1;

const ruleset = parse(fs.readFileSync(RULESET, "utf8")) as { rules: Record<string, { then?: { functionOptions?: { schemas?: object } } }> };
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

describe.each(fixtureDirs)("%s", (rule) => {
  const bad = join(FIXTURES, rule, "bad.yaml");
  const good = join(FIXTURES, rule, "good.yaml");

  it(behaviour(bad), async () => {
    const [badCodes, goodCodes] = [codes(await lint(bad)), codes(await lint(good))];
    // Only the rule under test tells the pair apart: the fixtures differ in that one convention.
    expect([...badCodes].filter((code) => !goodCodes.has(code))).toEqual([rule]);
  });

  it(behaviour(good), async () => {
    const findings = (await lint(good)).filter((finding) => finding.code === rule);
    expect(findings.map(({ path, message }) => `${path.join(".")}: ${message}`)).toEqual([]);
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
    const table = Object.keys(ruleset.rules["mdev-id-prefix"]?.then?.functionOptions?.schemas ?? {});
    expect(table.length).toBeGreaterThan(0);
    expect(unknown(table)).toEqual([]);
    expect(unknown([...table, "File"])).toEqual(["File"]);
  });

  it("finds no error or warning in the bundled spec", async () => {
    const findings = (await lint(BUNDLE)).filter((finding) => finding.severity <= WARNING);
    expect(findings.map(({ code, path, message }) => ({ code, path: path.join("."), message }))).toEqual([]);
  });
});
