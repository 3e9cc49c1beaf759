// Values in the request examples that exist in one account only: resource IDs, and URLs of the
// caller's own. In the collection they become variables that default to the example's value, so a
// Postman user sets each once, and the newman test points them at what the emulator holds.
import { exampleRequests } from "../../../contract-tests/cases/requests.ts";
import { deref, isObject, operations, type Json, type JsonObject, type OpenApiDocument, type Operation } from "../../../spec/openapi.ts";
import type { Variable } from "./format.ts";

export interface ResourceVariables {
  variables: Variable[];
  /** The variable whose example value this is. */
  keyOf(value: Json | undefined): string | undefined;
  /** `{{name}}` when the value is one of the variables' example values; the value unchanged otherwise. */
  substitute(value: Json): Json;
}

/** The spec's ID schemas (`MessageId`, `FileId`, …) with the pattern each ID matches. */
function idKinds(spec: OpenApiDocument): Array<{ kind: string; pattern: RegExp }> {
  const schemas = isObject(spec.components) && isObject(spec.components.schemas) ? spec.components.schemas : {};
  return Object.entries(schemas)
    .filter(([name, schema]) => name.endsWith("Id") && isObject(schema) && typeof schema.pattern === "string")
    .map(([kind, schema]) => ({ kind, pattern: new RegExp(String((schema as JsonObject).pattern)) }));
}

function bodyProperties(spec: OpenApiDocument, operation: Operation): JsonObject {
  const body = deref(spec, operation.node.requestBody);
  const [media] = isObject(body) && isObject(body.content) ? Object.values(body.content) : [];
  const schema = isObject(media) ? deref(spec, media.schema) : undefined;
  return isObject(schema) && isObject(schema.properties) ? schema.properties : {};
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** `createWebhook` → `Webhook`: the operationId without its verb. */
const resourceOf = (operationId: string) => operationId.replace(/^[a-z]+/, "");

export function resourceVariables(spec: OpenApiDocument): ResourceVariables {
  const kinds = idKinds(spec);
  const byValue = new Map<string, Variable & { usedBy: Set<string> }>();
  const add = (name: string, value: string, what: string, usedBy: string) => {
    const existing = byValue.get(value);
    if (existing) return void existing.usedBy.add(usedBy);
    const taken = new Set([...byValue.values()].map((variable) => variable.key));
    let key = name;
    for (let n = 2; taken.has(key); n++) key = `${name}${n}`;
    byValue.set(value, { key, value, type: "string", description: what, usedBy: new Set([usedBy]) });
  };
  const visit = (operation: Operation, requestName: string, field: string, value: Json | undefined, format: Json | undefined) => {
    if (Array.isArray(value)) return value.forEach((item) => visit(operation, requestName, field, item, format));
    if (typeof value !== "string") return;
    const usedBy = `${operation.operationId} (${requestName})`;
    const id = kinds.find(({ pattern }) => pattern.test(value));
    if (id) add(lowerFirst(id.kind), value, `Your ${id.kind}`, usedBy);
    else if (format === "uri") add(`${lowerFirst(resourceOf(operation.operationId))}${upperFirst(field)}`, value, `Your \`${field}\``, usedBy);
  };
  for (const operation of operations(spec)) {
    const properties = bodyProperties(spec, operation);
    for (const { name, template } of exampleRequests(spec, operation)) {
      for (const [field, value] of Object.entries(template.query)) visit(operation, name, field, value, undefined);
      const body = template.body?.value;
      if (!isObject(body)) continue;
      for (const [field, value] of Object.entries(body)) {
        const property = deref(spec, properties[field]);
        visit(operation, name, field, value, isObject(property) ? property.format : undefined);
      }
    }
  }
  const variables = [...byValue.values()].map(({ usedBy, ...variable }) => ({
    ...variable,
    description: `${variable.description}; the example's value until you set it. Used by ${[...usedBy].join(", ")}.`,
  }));
  const keyOf = (value: Json | undefined) => (typeof value === "string" ? byValue.get(value)?.key : undefined);
  return {
    variables,
    keyOf,
    substitute: (value) => {
      const key = keyOf(value);
      return key ? `{{${key}}}` : value;
    },
  };
}
