// Code samples for the reference docs (`x-codeSamples`: curl, the TypeScript client, and the
// languages of ./snippet-samples.ts), written at bundle time from each operation's first example
// request, so no sample is ever typed by hand or drifts from the spec.
import { isObject, operations, productionUrl, type Json, type OpenApiDocument, type Operation } from "../../spec/openapi.ts";
import { requestExample, successResponse, type RequestExample, type SuccessResponse } from "../../spec/request-examples.ts";
import { API_KEY_VARIABLE, snippetSamples } from "./snippet-samples.ts";

const PACKAGE = "@messages-dev/api-toolkit";

export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

const isRedirect = (status: string) => status.startsWith("3");

/** Quotes a shell word: double quotes when nothing in it expands, else POSIX single quotes. */
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./ -]*$/.test(text) ? `"${text}"` : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The query written out percent-encoded, so the sample shows what goes on the wire: a phone
 * number's `+` as `%2B` (a bare `+` in a query string is read as a space).
 */
function queryString(query: Record<string, string>): string {
  const pairs = Object.entries(query).map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  return pairs.length > 0 ? `?${pairs.join("&")}` : "";
}

function curlSample(baseUrl: string, operation: Operation, example: RequestExample, success: SuccessResponse): string {
  const method = operation.method.toUpperCase();
  const first = ["curl", method === "GET" ? "" : `-X ${method}`, isRedirect(success.status) ? "-i" : ""];
  const lines: string[] = [];
  lines.push(`${first.filter(Boolean).join(" ")} ${shellQuote(`${baseUrl}${operation.path}${queryString(example.query)}`)}`);
  lines.push(`-H "Authorization: Bearer $${API_KEY_VARIABLE}"`);
  for (const [name, value] of Object.entries(example.headers)) lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  const { body } = example;
  if (body) {
    lines.push(`-H ${shellQuote(`Content-Type: ${body.mediaType}`)}`);
    lines.push(body.binary ? `--data-binary @${fileName(example)}` : `-d ${shellQuote(JSON.stringify(body.value, null, 2).replace(/\n/g, "\n  "))}`);
  }
  return lines.join(" \\\n  ");
}

/** A JSON value as a TypeScript literal: JSON, with the quotes dropped from identifier keys. */
export function typescriptLiteral(value: Json | undefined): string {
  return JSON.stringify(value, null, 2).replace(/^(\s*)"([A-Za-z_$][\w$]*)":/gm, "$1$2:");
}

const camelCase = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

function fileName(example: RequestExample): string {
  const header = Object.entries(example.headers).find(([name]) => /filename/i.test(name));
  return header?.[1] ?? "file.bin";
}

/** The call's argument: the body or query example, or nothing when there is no input. */
function argumentLiteral(input: Json | undefined): string {
  return input === undefined || (isObject(input) && Object.keys(input).length === 0) ? "" : typescriptLiteral(input);
}

function typescriptSample(operation: Operation, example: RequestExample, success: SuccessResponse): string {
  const { body } = example;
  const imports: string[] = [];
  const setup: string[] = [];
  let fn = operation.operationId;
  let result = success.schemaName ? camelCase(success.schemaName) : "result";
  let args: string;
  if (body?.binary) {
    const name = fileName(example);
    imports.push(`import { readFile } from "node:fs/promises";`);
    setup.push(`const bytes = await readFile(${JSON.stringify(name)});`);
    // The body goes out raw; its media type defaults to the operation's first one.
    args = `bytes, ${typescriptLiteral(example.headers)}`;
  } else {
    args = argumentLiteral(body ? body.value : example.query);
  }
  if (isRedirect(success.status)) {
    // What a caller wants from a redirect is its target; the client returns it from `<operation>Url`.
    fn = `${fn}Url`;
    result = "url";
  }
  imports.push(`import { ${fn} } from "${PACKAGE}";`);
  return [...imports, "", `// The default client reads your API key from ${API_KEY_VARIABLE}.`, ...setup, `const ${result} = await ${fn}(${args});`].join("\n");
}

export function codeSamples(spec: OpenApiDocument, operation: Operation): CodeSample[] {
  const baseUrl = productionUrl(spec);
  const example = requestExample(spec, operation);
  const success = successResponse(spec, operation);
  return [
    { lang: "Shell", label: "curl", source: curlSample(baseUrl, operation, example, success) },
    { lang: "TypeScript", label: "TypeScript", source: typescriptSample(operation, example, success) },
    ...snippetSamples({
      method: operation.method,
      url: `${baseUrl}${operation.path}${queryString(example.query)}`,
      headers: example.headers,
      body: example.body && (example.body.binary ? { mediaType: example.body.mediaType, file: fileName(example) } : { mediaType: example.body.mediaType, json: example.body.value }),
      redirect: isRedirect(success.status),
    }),
  ];
}

/** The operation's sample in the bundle with this label (curl, TypeScript, Python, ...). */
export function bundledSample(operation: Operation, label: string): string {
  const samples = Array.isArray(operation.node["x-codeSamples"]) ? operation.node["x-codeSamples"] : [];
  const found = samples.find((sample) => isObject(sample) && sample.label === label);
  if (!isObject(found)) throw new Error(`${operation.operationId} has no ${label} sample`);
  return String(found.source);
}

/** Adds `x-codeSamples` to every operation of the bundle. */
export function addCodeSamples(spec: OpenApiDocument): void {
  for (const operation of operations(spec)) {
    operation.node["x-codeSamples"] = codeSamples(spec, operation) as unknown as Json;
  }
}
