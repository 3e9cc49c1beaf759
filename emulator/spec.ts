// What the emulator takes from the bundle: each operation's route, scope and input schemas, which
// errors it documents, and the catalogue of error codes with the status and type their examples
// show. Nothing here restates the spec; it is all read from generated/openapi.json.
import {
  deref,
  isObject,
  loadBundle,
  operations,
  responses,
  scopeOf,
  type JsonObject,
  type OpenApiDocument,
} from "../spec/openapi.ts";
import { errorCatalogue, errorExamples, type ErrorCode } from "../spec/errors.ts";

export interface ParameterSpec {
  name: string;
  in: "query" | "header";
  required: boolean;
  schema: JsonObject;
}

export interface OperationSpec {
  operationId: string;
  method: string;
  path: string;
  scope: string;
  parameters: ParameterSpec[];
  /** `#/components/...` pointer of the JSON request body's schema, when the body is JSON. */
  jsonBody: string | undefined;
  /** Whether the body is the raw bytes of a file. */
  rawBody: boolean;
  /** `"<status> <code>"` for every error example the operation declares. */
  documentedErrors: Set<string>;
  /** Statuses with a `Retry-After` header declared. */
  retryAfterStatuses: Set<number>;
  /**
   * For a list: the page size when the request names none — the `limit` parameter's default, or
   * for a list that takes no `limit`, the most items its page schema allows.
   */
  defaultPageSize: number | undefined;
  /** For a list: the most items a page holds (its schema's `maxItems`); a larger `limit` gets this many. */
  maxPageSize: number | undefined;
  /** The status the operation documents for success (201 for a write, 302 for a download). */
  successStatus: number;
  /** The schema of each status's JSON body. */
  responseSchemas: Map<number, JsonObject>;
}

export interface ApiSpec {
  document: OpenApiDocument;
  operations: OperationSpec[];
  /** Each error code with its status, type and first example message (the fallback message). */
  errorCodes: Map<string, ErrorCode>;
  scopes: string[];
  /** A named schema of components/schemas. */
  schema(name: string): JsonObject;
}

export function loadApiSpec(document: OpenApiDocument = loadBundle()): ApiSpec {
  const errorCodes = errorCatalogue(document);
  const specs = operations(document).map((operation) => {
    const documentedErrors = new Set(errorExamples(document, operation).map(({ status, code }) => `${status} ${code}`));
    const retryAfterStatuses = new Set(
      responses(document, operation).flatMap(({ status, response }) => (isObject(response.headers) && "Retry-After" in response.headers ? [Number(status)] : [])),
    );
    const body = deref(document, operation.node.requestBody);
    const content = isObject(body) && isObject(body.content) ? body.content : {};
    const json = deref(document, content["application/json"]);
    const jsonSchema = isObject(json) && isObject(json.schema) ? json.schema.$ref : undefined;
    const parameters = ((operation.node.parameters as JsonObject[] | undefined) ?? []).map((raw) => {
      const parameter = deref(document, raw) as JsonObject;
      return {
        name: String(parameter.name),
        in: parameter.in as "query" | "header",
        required: parameter.required === true,
        schema: parameter.schema as JsonObject,
      };
    });
    const success = responses(document, operation).find((r) => /^[23]/.test(r.status));
    if (!success) throw new Error(`${operation.operationId} documents no success status`);
    return {
      operationId: operation.operationId,
      method: operation.method.toUpperCase(),
      path: operation.path,
      scope: scopeOf(operation) ?? "",
      parameters,
      jsonBody: typeof jsonSchema === "string" ? jsonSchema : undefined,
      rawBody: Object.keys(content).length > 0 && json === undefined,
      documentedErrors,
      retryAfterStatuses,
      defaultPageSize: defaultPageSize(document, parameters, success.json),
      maxPageSize: maxPageSize(document, success.json),
      successStatus: Number(success.status),
      responseSchemas: new Map(
        responses(document, operation).flatMap(({ status, json }) => (isObject(json?.schema) ? [[Number(status), json.schema] as const] : [])),
      ),
    };
  });
  const schemas = (document.components as JsonObject).schemas as JsonObject;
  return {
    document,
    operations: specs,
    errorCodes,
    scopes: [...new Set(specs.map((operation) => operation.scope))].sort(),
    schema(name) {
      const schema = schemas[name];
      if (!isObject(schema)) throw new Error(`The spec has no schema ${name}`);
      return schema;
    },
  };
}

function defaultPageSize(document: OpenApiDocument, parameters: ParameterSpec[], json: JsonObject | undefined): number | undefined {
  const limit = parameters.find((p) => p.name === "limit");
  const limitSchema = limit ? deref(document, limit.schema) : undefined;
  if (isObject(limitSchema) && typeof limitSchema.default === "number") return limitSchema.default;
  return maxPageSize(document, json);
}

function maxPageSize(document: OpenApiDocument, json: JsonObject | undefined): number | undefined {
  const page = deref(document, json?.schema);
  const data = isObject(page) && isObject(page.properties) ? deref(document, page.properties.data) : undefined;
  return isObject(data) && typeof data.maxItems === "number" ? data.maxItems : undefined;
}
