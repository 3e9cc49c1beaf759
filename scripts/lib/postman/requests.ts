// One Postman request per request example of an operation (see exampleRequests: one per named body
// example, or one from the parameter examples when there is no body). Each carries the saved
// responses of its operation's named examples, and a test that it gets the operation's success.
import { STATUS_CODES } from "node:http";
import { exampleRequests, isJsonMediaType, parametersOf, type RequestTemplate } from "../../../contract-tests/cases/requests.ts";
import { deref, isObject, namedExamples, responses, type Json, type OpenApiDocument, type Operation } from "../../../spec/openapi.ts";
import { successResponse } from "../../../spec/request-examples.ts";
import type { Body, Item, KeyValue, Request, SavedResponse, Script } from "./format.ts";
import type { ResourceVariables } from "./variables.ts";

const BASE_URL = "{{baseUrl}}";

function deepSubstitute(value: Json, variables: ResourceVariables): Json {
  if (Array.isArray(value)) return value.map((item) => deepSubstitute(item, variables));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, deepSubstitute(item, variables)]));
  return variables.substitute(value);
}

/** A query value as it goes on the wire: a variable stays one; `+` and the rest are percent-encoded. */
function queryValue(value: Json, variables: ResourceVariables): string {
  const substituted = variables.substitute(value);
  if (substituted !== value) return String(substituted);
  return encodeURIComponent(typeof value === "string" ? value : JSON.stringify(value));
}

function query(spec: OpenApiDocument, template: RequestTemplate, variables: ResourceVariables): KeyValue[] {
  return parametersOf(spec, template.operation)
    .filter((parameter) => parameter.in === "query" && template.query[String(parameter.name)] !== undefined)
    .map((parameter) => ({
      key: String(parameter.name),
      value: queryValue(template.query[String(parameter.name)]!, variables),
      // Optional parameters are there to switch on; the request as it stands is the example's.
      ...(parameter.required !== true && { disabled: true }),
      ...(typeof parameter.description === "string" && { description: parameter.description }),
    }));
}

function body(template: RequestTemplate, variables: ResourceVariables): Body | undefined {
  if (!template.body) return undefined;
  if (isJsonMediaType(template.body.mediaType)) {
    return { mode: "raw", raw: JSON.stringify(deepSubstitute(template.body.value, variables), null, 2), options: { raw: { language: "json" } } };
  }
  // Raw bytes: the example only describes them. The file is named like the file-name header's
  // example; Postman asks for it, and newman reads it from its working directory.
  const fileName = Object.entries(template.headers).find(([name]) => /filename/i.test(name))?.[1];
  return { mode: "file", file: { src: fileName ?? "file" } };
}

function postmanRequest(spec: OpenApiDocument, template: RequestTemplate, variables: ResourceVariables): Request {
  const { operation } = template;
  // The API has none today; Postman writes them `:name` with their own variables. Fail loudly rather than send `{name}`.
  if (operation.path.includes("{")) throw new Error(`${operation.operationId}: path parameters are not supported by the Postman builder yet`);
  const queryParams = query(spec, template, variables);
  const enabled = queryParams.filter((parameter) => !parameter.disabled);
  const path = operation.path.split("/").filter(Boolean);
  const header: KeyValue[] = Object.entries(template.headers).map(([key, value]) => ({ key, value }));
  if (template.body) header.push({ key: "Content-Type", value: template.body.mediaType });
  const requestBody = body(template, variables);
  return {
    method: operation.method.toUpperCase(),
    header,
    url: {
      raw: `${BASE_URL}/${path.join("/")}${enabled.length > 0 ? `?${enabled.map(({ key, value }) => `${key}=${value}`).join("&")}` : ""}`,
      host: [BASE_URL],
      path,
      ...(queryParams.length > 0 && { query: queryParams }),
    },
    ...(requestBody && { body: requestBody }),
    ...(typeof operation.node.description === "string" && { description: operation.node.description }),
  };
}

interface ResponseExample {
  status: number;
  name: string;
  summary: string | undefined;
  value: Json | undefined;
  headers: KeyValue[];
}

/** Every named response example of the operation, with the example values of its documented headers. */
function responseExamples(spec: OpenApiDocument, operation: Operation): ResponseExample[] {
  return responses(spec, operation).flatMap(({ status, response, json }) => {
    const headers = Object.entries(isObject(response.headers) ? response.headers : {}).flatMap(([key, raw]) => {
      const header = deref(spec, raw);
      const example = isObject(header) ? (header.example ?? (isObject(header.schema) ? header.schema.example : undefined)) : undefined;
      return example === undefined ? [] : [{ key, value: String(example) }];
    });
    if (json) headers.unshift({ key: "Content-Type", value: "application/json" });
    return namedExamples(spec, json).map((example) => ({ status: Number(status), ...example, headers }));
  });
}

function savedResponse(operation: Operation, example: ResponseExample, request: Request): SavedResponse {
  // The request is shown with each example; its long description once, on the request itself.
  const { description: _description, ...originalRequest } = request;
  return {
    id: `${operation.operationId}.${example.status}.${example.name}`,
    name: `${example.status} ${example.name}${example.summary ? `: ${example.summary}` : ""}`,
    originalRequest,
    status: STATUS_CODES[example.status] ?? String(example.status),
    code: example.status,
    header: example.headers,
    body: example.value === undefined ? "" : JSON.stringify(example.value, null, 2),
    _postman_previewlanguage: "json",
  };
}

const CREATED = "201";

/**
 * Tests that the request got its operation's success status. A request that creates what a
 * variable names (its example answers with that variable's `id`) keeps the new `id` in it, so the
 * requests after it use what it created: upload a file, then send it.
 */
function testScript(status: string, name: string, keeps: string | undefined): Script {
  const keep = keeps ? [`if (pm.response.code === ${status}) pm.collectionVariables.set(${JSON.stringify(keeps)}, pm.response.json().id);`] : [];
  return {
    listen: "test",
    script: {
      type: "text/javascript",
      exec: [`pm.test(${JSON.stringify(`answers ${status}, like the ${name} example`)}, function () {`, `  pm.response.to.have.status(${status});`, "});", ...keep],
    },
  };
}

/** The variable a creating request's own success example answers the `id` of. */
function createdVariable(item: Item, success: string, variables: ResourceVariables): string | undefined {
  if (success !== CREATED) return undefined;
  const example = item.response.find((response) => String(response.code) === success);
  const body = example?.body ? (JSON.parse(example.body) as Json) : undefined;
  return isObject(body) ? variables.keyOf(body.id) : undefined;
}

/**
 * The operation's requests. A response example is saved on the request of the same name, or else
 * on the operation's first request, so each named example appears exactly once.
 */
export function operationItems(spec: OpenApiDocument, operation: Operation, variables: ResourceVariables): Item[] {
  const examples = exampleRequests(spec, operation);
  const success = successResponse(spec, operation).status;
  const summary = String(operation.node.summary ?? operation.operationId);
  const items = examples.map(({ name, template }): Item => ({
    id: `${operation.operationId}.${name}`,
    name: examples.length > 1 ? `${summary} (${name})` : summary,
    request: postmanRequest(spec, template, variables),
    response: [],
    // A redirect is the answer itself (getFile's 302 and its Location): do not follow it.
    ...(success.startsWith("3") && { protocolProfileBehavior: { followRedirects: false } }),
  }));
  for (const example of responseExamples(spec, operation)) {
    const owner = items.find((item) => item.id === `${operation.operationId}.${example.name}`) ?? items[0]!;
    owner.response.push(savedResponse(operation, example, owner.request));
  }
  for (const [i, item] of items.entries()) item.event = [testScript(success, examples[i]!.name, createdVariable(item, success, variables))];
  return items;
}
