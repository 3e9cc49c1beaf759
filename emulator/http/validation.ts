// Request validation with the bundle's own schemas (Ajv, JSON Schema 2020-12), and the mapping of
// each Ajv failure to the API's documented error: a missing required input is
// missing_required_parameter, any other failure invalid_parameter_value, each with its param.
import type { IncomingHttpHeaders } from "node:http";
import type { ErrorObject } from "ajv/dist/2020.js";
import { deref, isObject, type Json, type JsonObject } from "../../spec/openapi.ts";
import { idPrefixOfPattern } from "../../spec/ids.ts";
import { essentialErrors } from "../../spec/object-alternatives.ts";
import { createSchemaValidator, type SchemaValidator } from "../../spec/schema-validator.ts";
import type { ApiSpec, OperationSpec, ParameterSpec } from "../spec.ts";
import { ApiError } from "./errors.ts";

type Location = "query" | "header" | "body";
const NOUN: Record<Location, string> = { query: "query parameter", header: "header", body: "field" };

/**
 * A phone number whose `+` was sent bare in the query string and so decoded as a space
 * (`?from=+15551234567` reads as " 15551234567"). Refused like any malformed handle, but told apart
 * so the message says how to fix it. Whether the API refuses it too (this spec's reading) is the
 * ledger's claim from-plus-decoded-as-space; the config's `readings.plus_in_query` takes the other.
 */
const plusDecodedAsSpace = (value: Json | undefined) => typeof value === "string" && /^ [1-9][0-9]{6,14}$/.test(value);

export class RequestValidator {
  private readonly validator: SchemaValidator;
  private readonly objectSchemas = new Map<string, JsonObject>();
  private readonly integers = new Set<JsonObject>();

  constructor(private readonly spec: ApiSpec) {
    this.validator = createSchemaValidator(spec.document);
    for (const operation of spec.operations) {
      for (const parameter of operation.parameters) {
        const schema = deref(spec.document, parameter.schema);
        if (isObject(schema) && schema.type === "integer") this.integers.add(parameter.schema);
      }
    }
  }

  /** The operation's declared query parameters, integers as numbers; unknown ones are ignored. */
  query(operation: OperationSpec, search: URLSearchParams): Record<string, unknown> {
    return this.parameters(operation, "query", (name) => {
      const values = search.getAll(name);
      return values.length <= 1 ? values[0] : values;
    });
  }

  headers(operation: OperationSpec, headers: IncomingHttpHeaders): Record<string, unknown> {
    return this.parameters(operation, "header", (name) => headers[name.toLowerCase()]);
  }

  body(operation: OperationSpec, body: unknown): void {
    if (operation.jsonBody) this.check(operation.jsonBody, body, "body");
  }

  /** Validates a value against a schema object or pointer, raising the API error for a failure. */
  check(schema: string | JsonObject, value: unknown, location: Location): void {
    const errors = this.validator.validate(schema, value);
    if (errors.length > 0) throw this.toApiError(errors, location, value);
  }

  private parameters(operation: OperationSpec, location: "query" | "header", read: (name: string) => unknown): Record<string, unknown> {
    const declared = operation.parameters.filter((p) => p.in === location);
    const values: Record<string, unknown> = {};
    for (const parameter of declared) {
      const value = read(parameter.name);
      if (value !== undefined) values[parameter.name] = this.coerce(parameter, value);
    }
    if (declared.length > 0) this.check(this.objectSchema(operation, location, declared), values, location);
    return values;
  }

  private coerce(parameter: ParameterSpec, value: unknown): unknown {
    return this.integers.has(parameter.schema) && typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
  }

  private objectSchema(operation: OperationSpec, location: Location, declared: ParameterSpec[]): JsonObject {
    const key = `${operation.operationId} ${location}`;
    let schema = this.objectSchemas.get(key);
    if (!schema) {
      schema = {
        type: "object",
        properties: Object.fromEntries(declared.map((p) => [p.name, p.schema])),
        required: declared.filter((p) => p.required).map((p) => p.name),
      };
      this.objectSchemas.set(key, schema);
    }
    return schema;
  }

  private toApiError(raw: ErrorObject[], location: Location, value: unknown): ApiError {
    const noun = NOUN[location];
    const { errors, eitherOf } = essentialErrors(raw);
    if (eitherOf) return new ApiError("missing_required_parameter", eitherOf[0], `Either ${eitherOf.map((n) => `'${n}'`).join(" or ")} is required.`);
    const missing = errors.find((e) => e.keyword === "required");
    if (missing) {
      const name = String(missing.params.missingProperty);
      return new ApiError("missing_required_parameter", name, `The '${name}' ${noun} is required.`);
    }
    const [first] = errors as [ErrorObject];
    if (first.keyword === "additionalProperties") {
      const name = String(first.params.additionalProperty);
      return new ApiError("invalid_parameter_value", name, `The '${name}' ${noun} is not part of this request.`);
    }
    const name = first.instancePath.split("/")[1];
    if (name === undefined) return new ApiError("invalid_parameter_value", undefined, "The request body must be a JSON object.");
    if (location === "query" && isObject(value as Json) && plusDecodedAsSpace((value as JsonObject)[name])) {
      return new ApiError("invalid_parameter_value", name, `The '${name}' ${noun} starts with a space where a phone number's '+' belongs: in a query string a bare '+' means a space, so send it as %2B.`);
    }
    return new ApiError("invalid_parameter_value", name, `The '${name}' ${noun} ${this.explain(first)}.`);
  }

  private explain(error: ErrorObject): string {
    if (error.keyword === "enum") return `must be one of: ${(error.params.allowedValues as Json[]).join(", ")}`;
    if (error.keyword === "pattern") {
      const pattern = String(error.params.pattern);
      const prefix = idPrefixOfPattern(pattern);
      if (prefix) return `must be an ID starting with '${prefix}'`;
      const described = this.describedSchema(error.schemaPath);
      return described ? `is not in the expected form: ${described}` : `must match the pattern ${pattern}`;
    }
    return error.message ?? "is invalid";
  }

  /** The first sentence of the description of the component schema an error comes from. */
  private describedSchema(schemaPath: string): string | undefined {
    const pointer = /#\/components\/schemas\/[^/]+/.exec(schemaPath)?.[0];
    const schema = pointer ? deref(this.spec.document, { $ref: pointer }) : undefined;
    const description = isObject(schema) && typeof schema.description === "string" ? schema.description : undefined;
    return description?.split("\n")[0]?.replace(/\.$/, "");
  }
}
