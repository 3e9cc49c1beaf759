// Every field of every answer the API sends: the JSON bodies of the operations' responses and the
// webhook deliveries, object by object. Each object is named after its component schema, or after
// the field that holds it (`Error.error`). openapi/EVIDENCE.md lists the same fields, each with the
// evidence for its required-ness, and a test holds the two together.
import { deref, isObject, operations, responses, type Json, type JsonObject, type OpenApiDocument } from "./openapi.ts";

export interface ResponseField {
  /** The object: a component schema's name, or `Parent.field` for an object written inline. */
  schema: string;
  field: string;
  required: boolean;
  nullable: boolean;
}

const COMPONENT = /^#\/components\/schemas\/([^/]+)$/;

/** The JSON body schemas the API sends: every response's, then every webhook delivery's. */
function answerSchemas(spec: OpenApiDocument): { name: string; schema: Json }[] {
  const found = operations(spec).flatMap((operation) =>
    responses(spec, operation).flatMap(({ status, json }) => (json?.schema ? [{ name: `${operation.operationId} ${status}`, schema: json.schema }] : [])),
  );
  for (const [event, item] of Object.entries(isObject(spec.webhooks) ? spec.webhooks : {})) {
    const post = isObject(item) ? deref(spec, item.post) : undefined;
    const body = isObject(post) ? deref(spec, post.requestBody) : undefined;
    const content = isObject(body) && isObject(body.content) ? body.content["application/json"] : undefined;
    if (isObject(content) && content.schema) found.push({ name: event, schema: content.schema });
  }
  return found;
}

const typesOf = (schema: JsonObject): Json[] => (Array.isArray(schema.type) ? schema.type : [schema.type ?? null]);

/** `type: [T, "null"]`, or an `anyOf` with a `type: "null"` branch. */
const allowsNull = (schema: JsonObject): boolean =>
  typesOf(schema).includes("null") || (Array.isArray(schema.anyOf) && schema.anyOf.some((branch) => isObject(branch) && branch.type === "null"));

export function responseFields(spec: OpenApiDocument): ResponseField[] {
  const fields: ResponseField[] = [];
  const seen = new Set<string>();
  const visit = (name: string, node: Json | undefined) => {
    const ref = isObject(node) && typeof node.$ref === "string" ? COMPONENT.exec(node.$ref)?.[1] : undefined;
    const schemaName = ref ?? name;
    const schema = deref(spec, node);
    if (!isObject(schema)) return;
    if (isObject(schema.items) || Array.isArray(schema.items)) return visit(`${name}[]`, schema.items as Json);
    if (!isObject(schema.properties) || seen.has(schemaName)) return;
    seen.add(schemaName);
    const required = Array.isArray(schema.required) ? schema.required : [];
    for (const [field, property] of Object.entries(schema.properties)) {
      const resolved = deref(spec, property);
      const nullable = isObject(resolved) && allowsNull(resolved);
      fields.push({ schema: schemaName, field, required: required.includes(field), nullable });
      if (field !== "payload") visit(`${schemaName}.${field}`, property);
    }
  };
  for (const { name, schema } of answerSchemas(spec)) visit(name, schema);
  return fields;
}
