// Where the Postman files go, and which servers get an environment. Kept apart from the builder so
// the build can list a stage's outputs without loading it.
import { isObject, loadBundle, type OpenApiDocument } from "../openapi.ts";

export const POSTMAN_DIR = "postman";
export const COLLECTION_FILE = "messages-dev.postman_collection.json";
export const environmentFile = (server: string) => `${server}.postman_environment.json`;

/** The spec's servers by their `x-name`. */
export function namedServers(spec: OpenApiDocument): Map<string, string> {
  const servers = Array.isArray(spec.servers) ? spec.servers.filter(isObject) : [];
  return new Map(servers.flatMap((server) => (typeof server["x-name"] === "string" ? [[server["x-name"], String(server.url)]] : [])));
}

/** The files the Postman stage writes, relative to generated/: the collection and an environment per server. */
export function postmanFiles(spec = loadBundle()): string[] {
  return [COLLECTION_FILE, ...[...namedServers(spec).keys()].map(environmentFile)].map((file) => `${POSTMAN_DIR}/${file}`);
}
