// The x-codeSamples of the reference: generated from each operation's first example request, in
// the bundle, and valid code. (test/mock/code-samples-run.test.ts runs the curl, JavaScript and
// Python ones against the mock; test/docs/code-samples-syntax.test.ts checks Go, Ruby and PHP.)
import { execFileSync } from "node:child_process";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { codeSamples, shellQuote, typescriptLiteral } from "../../scripts/lib/code-samples.ts";
import { API_KEY_VARIABLE, SNIPPET_LANGUAGES } from "../../scripts/lib/snippet-samples.ts";
import { loadBundle, operations } from "../../spec/openapi.ts";
import { requestExample } from "../../spec/request-examples.ts";

const spec = loadBundle();
const all = operations(spec).map((operation) => [operation.operationId, operation] as const);

const syntaxErrors = (source: string) =>
  ts.transpileModule(source, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } })
    .diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")) ?? [];

describe("the code samples", () => {
  it.each(all)("%s carries curl, TypeScript and the generated languages in the bundle, as generated", (_, operation) => {
    const samples = codeSamples(spec, operation);
    expect(samples.map((sample) => sample.label)).toEqual(["curl", "TypeScript", ...SNIPPET_LANGUAGES]);
    expect(operation.node["x-codeSamples"]).toEqual(samples);
  });

  it.each(all)("%s's generated samples read the key from %s and write no key inline", (_, operation) => {
    for (const { lang, source } of codeSamples(spec, operation).filter(({ lang }) => SNIPPET_LANGUAGES.includes(lang))) {
      expect(source, lang).toContain(API_KEY_VARIABLE);
      expect(source, lang).not.toMatch(/Bearer [\w-]{8,}/);
    }
  });

  it.each(all.filter(([, operation]) => requestExample(spec, operation).body?.binary))("%s's generated samples send the file's bytes, not a placeholder", (_, operation) => {
    const name = Object.entries(requestExample(spec, operation).headers).find(([header]) => /filename/i.test(header))![1];
    for (const { lang, source } of codeSamples(spec, operation).filter(({ lang }) => SNIPPET_LANGUAGES.includes(lang))) {
      expect(source, lang).toMatch(new RegExp(`(readFileSync|open|Open|binread|file_get_contents)\\(['"]${name.replace(".", "\\.")}['"]`));
    }
  });

  it.each(all)("%s's TypeScript sample is valid TypeScript that passes the example input", (_, operation) => {
    const source = codeSamples(spec, operation)[1]!.source;
    expect(syntaxErrors(source)).toEqual([]);
    expect(source).toContain(`from "@messages-dev/api-toolkit"`);
    const { query, body } = requestExample(spec, operation);
    const input = body ? (body.binary ? undefined : body.value) : query;
    if (input !== undefined && Object.keys(input as object).length > 0) expect(source).toContain(`(${typescriptLiteral(input)})`);
  });

  it.each(all.filter(([, operation]) => Object.values(requestExample(spec, operation).query).some((value) => value.startsWith("+"))))(
    "%s's curl sample sends a phone number's + as %%2B, never bare (a bare + is a space in a query string)",
    (_, operation) => {
      const url = /'(https:[^']+)'/.exec(codeSamples(spec, operation)[0]!.source)![1]!;
      expect(url).toContain("=%2B");
      expect(new URL(url).search).not.toContain("+");
    },
  );

  it("would notice a sample that is not valid TypeScript", () => {
    expect(syntaxErrors(`const x = await sendMessage({ from: "+1555" );`)).not.toEqual([]);
  });
});

describe("typescriptLiteral", () => {
  it("writes a value that evaluates back to itself, with identifier keys unquoted", () => {
    const value = { from: "+15551234567", events: ["message.sent"], nested: { reply_to: null }, "x-odd-key": 1 };
    const literal = typescriptLiteral(value);
    expect(literal).toContain(`  from: "+15551234567"`);
    expect(literal).toContain(`"x-odd-key": 1`);
    expect(new Function(`return ${literal};`)()).toEqual(value);
  });
});

describe("shellQuote", () => {
  const echo = (word: string) => execFileSync("bash", ["-c", `printf %s ${word}`], { env: { HOME: "/home/expanded" } }).toString();

  it.each(["plain=+15551234567", `Here's $HOME, "quoted" and !bang`, "{\n  \"text\": \"it's\"\n}"])("passes %j to the command unchanged", (text) => {
    expect(echo(shellQuote(text))).toBe(text);
  });

  it("is needed: the same text in bare double quotes is changed by the shell", () => {
    expect(echo(`"Here's $HOME"`)).not.toBe("Here's $HOME");
  });
});
