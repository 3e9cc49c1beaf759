// The Stainless check: code written against the previous version's generated types must still
// compile against the new client. For every operation of the old spec, a usage fixture passes the
// old request types to the new function (and hook) of the same name, and assigns the new success
// body to the old one's type; and every old schema's model type is named, as callers import it
// (a renamed schema renames it). Whatever no longer compiles would break a caller's build.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import ts from "typescript";
import { deref, isObject, operations, responses, type OpenApiDocument, type Operation } from "../openapi.ts";
import { ROOT } from "../paths.ts";

const PACKAGE = "@messages-dev/api-toolkit";
// Inside the repository, so that the package name resolves to this checkout (src/).
const SCRATCH = join(ROOT, ".cache", "client-compat");

const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

function hasQuery(spec: OpenApiDocument, operation: Operation): boolean {
  const parameters = Array.isArray(operation.node.parameters) ? operation.node.parameters : [];
  return parameters.some((p) => (deref(spec, p) as { in?: string } | undefined)?.in === "query");
}

function bodyMediaType(spec: OpenApiDocument, operation: Operation): string | undefined {
  const body = deref(spec, operation.node.requestBody);
  return isObject(body) && isObject(body.content) ? Object.keys(body.content)[0] : undefined;
}

/** One function per old operation: the call it was written with, and what it expected back. */
function usage(spec: OpenApiDocument, operation: Operation): string {
  const id = operation.operationId;
  const old = `Old["${id}"]`;
  const mediaType = bodyMediaType(spec, operation);
  const args: string[] = [];
  const inputs: string[] = [];
  if (mediaType === "application/json") {
    inputs.push(`const body = given<${old}["requestBody"]["content"]["application/json"]>();`);
    args.push("body");
  } else if (mediaType) {
    // Raw bytes go out as they are; the old header parameters come with them.
    inputs.push(`const body = given<Blob>();`, `const headers = given<${old}["parameters"]["header"]>();`);
    args.push("body", "headers");
  } else if (hasQuery(spec, operation)) {
    inputs.push(`const query = given<${old}["parameters"]["query"]>();`);
    args.push("query");
  }
  const success = responses(spec, operation).find((r) => /^2/.test(r.status) && r.json);
  const call = `await ${id}(${args.join(", ")})`;
  const result = success ? `const result: ${old}["responses"][${success.status}]["content"]["application/json"] = ${call};` : `${call};`;
  return [`export async function ${id}Usage(): Promise<void> {`, ...inputs.map((l) => `  ${l}`), `  ${result}`, `  void use${pascal(id)};`, "}"].join("\n");
}

const schemaNames = (spec: OpenApiDocument) => Object.keys(isObject(spec.components) && isObject(spec.components.schemas) ? spec.components.schemas : {});
const MODEL_TYPE = /^export type Model_(\w+) =/;

/** The fixture for `old`: its operations used as its generated types described them, and its model types named. */
export function usageFixture(old: OpenApiDocument): string {
  const ops = operations(old);
  return [
    "// Generated: usage of the previous version's client, type-checked against the current one.",
    `import type { operations as Old } from "./old-schema.ts";`,
    `import { ${ops.map((op) => op.operationId).join(", ")} } from "${PACKAGE}";`,
    `import { ${ops.map((op) => `use${pascal(op.operationId)}`).join(", ")} } from "${PACKAGE}/react";`,
    "",
    "/** A value of the old type; the fixture is only compiled, never run. */",
    "const given = <T>(): T => undefined as T;",
    "",
    ...ops.map((op) => usage(old, op)),
    "",
    ...schemaNames(old).map((name) => `export type Model_${name} = import("${PACKAGE}").${name};`),
    "",
  ].join("\n");
}

/** Compiles the old version's usage against this checkout's client; answers each error, readable. */
export async function clientCompatErrors(old: OpenApiDocument, oldSchemaTypes: string): Promise<string[]> {
  await rm(SCRATCH, { recursive: true, force: true });
  await mkdir(SCRATCH, { recursive: true });
  const fixture = join(SCRATCH, "usage.ts");
  await writeFile(join(SCRATCH, "old-schema.ts"), oldSchemaTypes);
  await writeFile(fixture, usageFixture(old));
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const program = ts.createProgram([fixture], { ...config.options, noEmit: true, noUnusedLocals: false });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === fixture)
    .map((d) => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      const lines = d.file!.text.split("\n");
      const model = MODEL_TYPE.exec(lines[line] ?? "")?.[1];
      const usageOf = lines.slice(0, line + 1).reverse().find((l) => l.startsWith("export async function"));
      const where = model ? `model type ${model}` : (usageOf?.match(/function (\w+)Usage/)?.[1] ?? "usage");
      const message = ts.flattenDiagnosticMessageText(d.messageText, " ").replace(/\s+/g, " ").replace(/'"[^"']*\/src\/index"'/g, PACKAGE).replace(/\.$/, "");
      return `${where}: ${shorten(message)}`;
    });
}

/** TypeScript spells out whole object types; a long one is cut, so the message shows what is wrong. */
function shorten(message: string): string {
  return message.replace(/'([^']{60,})'/g, (_, type: string) => `'${type.slice(0, 40)}…'`);
}
