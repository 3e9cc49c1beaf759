// Negative cases derived from the schema: each request breaks exactly one rule of its operation
// and must be refused with a documented 4xx in the error envelope. The error code expected for
// each kind of rule is the oracle below; the status is the one the spec documents for that code on
// that operation, so a case only exists where the spec says what the API answers.
import type { components } from "../../generated/schema.d.ts";
import {
  deref,
  isObject,
  operations,
  type Json,
  type JsonObject,
  type OpenApiDocument,
  type Operation,
} from "../../spec/openapi.ts";
import { errorExamples } from "../../spec/errors.ts";
import { idPrefixes } from "../../spec/ids.ts";
import { constraintClaims } from "../../spec/ledger.ts";
import { essentialErrors, objectFields } from "../../spec/object-alternatives.ts";
import { createSchemaValidator, type SchemaValidator } from "../../spec/schema-validator.ts";
import { exampleRequests, isJsonMediaType, parametersOf, requestMediaTypes, type Bindings, type RequestTemplate } from "./requests.ts";

export type RuleKind =
  | "no-auth"
  | "missing-required"
  | "wrong-type"
  | "out-of-range"
  | "bad-enum"
  | "bad-id-prefix"
  | "too-many-items"
  | "malformed-json"
  | "empty-body";

/** ORACLE TABLE (see ARCHITECTURE.md): which error code answers which broken rule, from the errors page (docs/sources.md). */
const CODE_FOR_RULE: Record<RuleKind, components["schemas"]["ErrorCode"]> = {
  "no-auth": "missing_api_key",
  "missing-required": "missing_required_parameter",
  "wrong-type": "invalid_parameter_value",
  "out-of-range": "invalid_parameter_value",
  "bad-enum": "invalid_parameter_value",
  "bad-id-prefix": "invalid_parameter_value",
  "too-many-items": "invalid_parameter_value",
  "malformed-json": "invalid_json",
  "empty-body": "empty_file",
};

/** The JSON Schema keywords a request may violate for the case to break only its one rule. */
const KEYWORDS_FOR_RULE: Partial<Record<RuleKind, string[]>> = {
  "missing-required": ["required"],
  "wrong-type": ["type"],
  "out-of-range": ["minimum", "maximum"],
  "bad-enum": ["enum"],
  "bad-id-prefix": ["pattern"],
  "too-many-items": ["maxItems"],
};

/** Whether `value` breaks `schema`, and only by the rule `kind` names. */
function breaksOnly(schemas: SchemaValidator, schema: JsonObject, value: Json, kind: RuleKind): boolean {
  const { errors } = essentialErrors(schemas.validate(schema, value));
  const allowed = KEYWORDS_FOR_RULE[kind] ?? [];
  return errors.length > 0 && errors.every((error) => allowed.includes(error.keyword));
}

export interface NegativeCase {
  name: string;
  kind: RuleKind;
  operationId: string;
  template: RequestTemplate;
  expect: { status: number; code: string; param?: string };
  /** Unconfirmed claims (ledger ids) about the constraint the case breaks: against live it probes them. */
  claims: string[];
}

interface Breakage {
  kind: RuleKind;
  value: Json;
  says: string;
  /** The JSON Schema keyword the value breaks. */
  keyword: string;
}

export function negativeCases(spec: OpenApiDocument, bindings: Bindings = {}): NegativeCase[] {
  const schemas = createSchemaValidator(spec);
  const prefixes = [...new Set(idPrefixes(spec).values())].sort();
  return operations(spec).flatMap((operation) => {
    const bases = exampleRequests(spec, operation, bindings).map((request) => request.template);
    const make = (kind: RuleKind, says: string, template: RequestTemplate, param?: string, claims: string[] = []): NegativeCase => ({
      name: `${operation.operationId}: ${says}`,
      kind,
      operationId: operation.operationId,
      template,
      expect: { status: documentedStatus(spec, operation, CODE_FOR_RULE[kind]), code: CODE_FOR_RULE[kind], ...(param && { param }) },
      claims,
    });
    const [first] = bases;
    if (!first) return [];
    return [
      make("no-auth", "no Authorization header", { ...first, auth: false }),
      ...[...queryCases(spec, operation, first, schemas, prefixes), ...bodyCases(spec, operation, bases, schemas, prefixes)].map(
        ({ kind, says, template, param, claims }) => make(kind, says, template, param, claims),
      ),
    ];
  });
}

interface Derived {
  kind: RuleKind;
  says: string;
  template: RequestTemplate;
  param?: string;
  claims?: string[];
}

function queryCases(spec: OpenApiDocument, operation: Operation, base: RequestTemplate, schemas: SchemaValidator, prefixes: string[]): Derived[] {
  const cases: Derived[] = [];
  for (const parameter of parametersOf(spec, operation).filter((p) => p.in === "query")) {
    const name = String(parameter.name);
    const value = base.query[name];
    if (value === undefined) continue;
    const withValue = (next: Json | undefined): RequestTemplate => {
      const query = { ...base.query };
      if (next === undefined) delete query[name];
      else query[name] = next;
      return { ...base, query };
    };
    if (parameter.required === true) {
      cases.push({ kind: "missing-required", says: `without required query parameter "${name}"`, template: withValue(undefined), param: name });
    }
    const schema = parameter.schema as JsonObject;
    for (const breakage of breakages(spec, schema, value, prefixes)) {
      // A query string carries text: a string sent where a string belongs is no wrong type.
      if (breakage.kind === "wrong-type" && typeof breakage.value !== "string") continue;
      if (!breaksOnly(schemas, schema, breakage.value, breakage.kind)) continue;
      const claims = constraintClaims([parameter, schema, deref(spec, schema)], breakage.keyword);
      cases.push({ kind: breakage.kind, says: `query parameter "${name}" ${breakage.says}`, template: withValue(breakage.value), param: name, claims });
    }
  }
  return cases;
}

function bodyCases(spec: OpenApiDocument, operation: Operation, bases: RequestTemplate[], schemas: SchemaValidator, prefixes: string[]): Derived[] {
  const [media] = requestMediaTypes(spec, operation);
  const [first] = bases;
  if (!media || !first?.body) return [];
  if (!isJsonMediaType(media.mediaType)) {
    return [{ kind: "empty-body", says: "an empty body", template: { ...first, body: { ...first.body, value: "", raw: "" } } }];
  }
  const schema = media.media.schema as JsonObject;
  const { properties, required, alternatives } = objectFields(spec, schema);
  const cases: Derived[] = [];
  const seen = new Set<string>();
  const add = (key: string, derived: Derived) => {
    if (seen.has(key) || !breaksOnly(schemas, schema, derived.template.body!.value, derived.kind)) return;
    seen.add(key);
    cases.push(derived);
  };
  for (const base of bases) {
    const body = base.body?.value;
    if (!isObject(body)) continue;
    const withBody = (value: JsonObject): RequestTemplate => ({ ...base, body: { ...base.body!, value } });
    for (const [name, value] of Object.entries(body)) {
      if (required.includes(name)) {
        const { [name]: _, ...rest } = body;
        add(`missing:${name}`, { kind: "missing-required", says: `without required body field "${name}"`, template: withBody(rest), param: name });
      }
      for (const breakage of breakages(spec, properties[name] as JsonObject, value, prefixes)) {
        const says = `body field "${name}" ${breakage.says}`;
        const claims = constraintClaims([properties[name], deref(spec, properties[name])], breakage.keyword);
        add(`${breakage.kind}:${name}`, { kind: breakage.kind, says, template: withBody({ ...body, [name]: breakage.value }), param: name, claims });
      }
    }
    if (alternatives.length > 0) {
      const rest = Object.fromEntries(Object.entries(body).filter(([name]) => !alternatives.includes(name)));
      const says = `without any of the body fields ${alternatives.map((n) => `"${n}"`).join(", ")}`;
      add(`missing:${alternatives.join()}`, { kind: "missing-required", says, template: withBody(rest), param: alternatives[0]! });
    }
  }
  const malformed = JSON.stringify(first.body.value).slice(0, -1);
  return [...cases, { kind: "malformed-json", says: "a malformed JSON body", template: { ...first, body: { ...first.body, raw: malformed } } }];
}

/** The ways to break one value of a field whose schema is `schema`, each a single rule. */
function breakages(spec: OpenApiDocument, schema: JsonObject | undefined, value: Json, prefixes: string[]): Breakage[] {
  const resolved = deref(spec, schema) as JsonObject | undefined;
  if (!resolved) return [];
  const result: Breakage[] = [{ kind: "wrong-type", value: wrongType(value), says: `as ${JSON.stringify(wrongType(value))}`, keyword: "type" }];
  if (typeof resolved.minimum === "number") {
    result.push({ kind: "out-of-range", value: resolved.minimum - 1, says: `below its minimum ${resolved.minimum}`, keyword: "minimum" });
  }
  if (typeof resolved.maximum === "number") {
    result.push({ kind: "out-of-range", value: resolved.maximum + 1, says: `above its maximum ${resolved.maximum}`, keyword: "maximum" });
  }
  const items = deref(spec, resolved.items) as JsonObject | undefined;
  if (Array.isArray(resolved.enum)) result.push({ kind: "bad-enum", value: "not-a-valid-value", says: "outside its enum", keyword: "enum" });
  if (Array.isArray(value) && items && Array.isArray(items.enum)) {
    result.push({ kind: "bad-enum", value: ["not-a-valid-value"], says: "with an item outside its enum", keyword: "enum" });
  }
  if (typeof resolved.maxItems === "number" && Array.isArray(value) && typeof value[0] === "string") {
    const count = resolved.maxItems + 1;
    const many = Array.from({ length: count }, (_, i) => (i === 0 ? value[0]! : `${String(value[0])}${i + 1}`));
    result.push({ kind: "too-many-items", value: many, says: `with ${count} items (maxItems ${resolved.maxItems})`, keyword: "maxItems" });
  }
  const id = Array.isArray(value) ? value[0] : value;
  const swapped = typeof id === "string" ? swapPrefix(id, prefixes) : [];
  for (const other of swapped) {
    result.push({ kind: "bad-id-prefix", value: Array.isArray(value) ? [other, ...value.slice(1)] : other, says: `"${other}" with the wrong ID prefix`, keyword: "pattern" });
  }
  return result;
}

function wrongType(value: Json): Json {
  if (typeof value === "string") return 12345;
  if (typeof value === "number") return "not-a-number";
  if (typeof value === "boolean") return "yes";
  return Array.isArray(value) ? "not-an-array" : "not-an-object";
}

/** The same ID under every other resource's prefix; the caller keeps those the schema refuses. */
function swapPrefix(id: string, prefixes: string[]): string[] {
  const match = /^([a-z]+_)([A-Za-z0-9]+)$/.exec(id);
  if (!match || !prefixes.includes(match[1]!)) return [];
  const other = prefixes.find((prefix) => prefix !== match[1]);
  return other ? [`${other}${match[2]}`] : [];
}

/** The status under which the operation documents an example with this error code. */
function documentedStatus(spec: OpenApiDocument, operation: Operation, code: string): number {
  const documented = errorExamples(spec, operation).find((example) => example.code === code);
  if (!documented) throw new Error(`${operation.operationId} documents no ${code} example, so the spec does not say how the API refuses it`);
  return Number(documented.status);
}
