// Where the Postman files go, and which servers get an environment. Kept apart from the builder so
// the build can list a stage's outputs without loading it.
import { LOCAL_SERVERS } from "../../../spec/local-servers.ts";
import { loadBundle, productionUrl, type OpenApiDocument } from "../../../spec/openapi.ts";

export const POSTMAN_DIR = "postman";
export const COLLECTION_FILE = "messages-dev.postman_collection.json";
export const environmentFile = (server: string) => `${server}.postman_environment.json`;

/** Every server a request can go to, by name: production from the spec, then the local ones. */
export function namedServers(spec: OpenApiDocument): Map<string, string> {
  return new Map([["production", productionUrl(spec)], ...Object.entries(LOCAL_SERVERS).map(([name, server]) => [name, server.url] as const)]);
}

/** The files the Postman stage writes, relative to generated/: the collection and an environment per server. */
export function postmanFiles(spec = loadBundle()): string[] {
  return [COLLECTION_FILE, ...[...namedServers(spec).keys()].map(environmentFile)].map((file) => `${POSTMAN_DIR}/${file}`);
}
