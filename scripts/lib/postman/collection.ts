// The Postman collection of the API, from the bundle: a folder per tag, a request per request
// example with its saved responses, the webhook events, and the bearer auth once at the top.
import { createHash } from "node:crypto";
import { isObject, operations, productionUrl, type Json, type JsonObject, type OpenApiDocument } from "../../../spec/openapi.ts";
import { COLLECTION_SCHEMA, type Auth, type Collection, type Folder, type Variable } from "./format.ts";
import { operationItems } from "./requests.ts";
import { resourceVariables } from "./variables.ts";
import { signingScript, WEBHOOK_SECRET, webhookEvents, webhookItems } from "./webhooks.ts";

export const API_KEY = "apiKey";
export const BASE_URL = "baseUrl";

/** A UUID-shaped id that stays the same for the same name, so a re-import replaces, not duplicates. */
export function stableId(name: string): string {
  const hex = createHash("sha256").update(name).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The bearer scheme the root and every operation's security name, sent with `{{apiKey}}`. */
function collectionAuth(spec: OpenApiDocument): Auth {
  const requirements = [spec.security, ...operations(spec).map((operation) => operation.node.security)];
  const names = new Set(requirements.flatMap((security) => (Array.isArray(security) ? security.filter(isObject).flatMap(Object.keys) : [])));
  const schemes = isObject(spec.components) && isObject(spec.components.securitySchemes) ? spec.components.securitySchemes : {};
  const bearer = [...names].filter((name) => {
    const scheme = schemes[name];
    return isObject(scheme) && scheme.type === "http" && String(scheme.scheme).toLowerCase() === "bearer";
  });
  if (bearer.length !== 1 || names.size !== 1) throw new Error(`Expected every operation to use one bearer scheme, found: ${[...names].join(", ")}`);
  return { type: "bearer", bearer: [{ key: "token", value: `{{${API_KEY}}}`, type: "string" }] };
}

function folders(spec: OpenApiDocument, variables: ReturnType<typeof resourceVariables>): Folder[] {
  const tags = (Array.isArray(spec.tags) ? spec.tags : []).filter(isObject);
  const events = webhookEvents(spec);
  const tagged = (node: JsonObject, tag: Json | undefined) => Array.isArray(node.tags) && node.tags[0] === tag;
  return tags.flatMap((tag): Folder[] => {
    const description = typeof tag.description === "string" ? { description: tag.description } : {};
    const requests = operations(spec).filter((operation) => tagged(operation.node, tag.name)).flatMap((operation) => operationItems(spec, operation, variables));
    const deliveries = events.filter(({ operation }) => tagged(operation, tag.name)).flatMap((event) => webhookItems(spec, event));
    if (requests.length > 0 && deliveries.length > 0) throw new Error(`Tag ${String(tag.name)} mixes operations and webhooks`);
    if (deliveries.length > 0) {
      // Deliveries go to the user's receiver, which wants a signature, not the API key.
      return [{ name: String(tag.name), ...description, auth: { type: "noauth" }, event: [signingScript(spec)], item: deliveries }];
    }
    return requests.length > 0 ? [{ name: String(tag.name), ...description, item: requests }] : [];
  });
}

export function buildCollection(spec: OpenApiDocument): Collection {
  const info = isObject(spec.info) ? spec.info : {};
  const name = String(info.title);
  const variables = resourceVariables(spec);
  const variable: Variable[] = [
    { key: BASE_URL, value: productionUrl(spec), type: "string", description: "Where requests go; each environment sets its own." },
    ...variables.variables,
    { key: WEBHOOK_SECRET, value: "", type: "secret", description: "Your webhook's secret, for signing the sample deliveries of the webhook events." },
  ];
  return {
    info: {
      _postman_id: stableId(name),
      name,
      description: [String(info.summary ?? ""), String(info.description ?? "")].filter(Boolean).join("\n\n"),
      version: String(info.version),
      schema: COLLECTION_SCHEMA,
    },
    auth: collectionAuth(spec),
    variable,
    item: folders(spec, variables),
  };
}
