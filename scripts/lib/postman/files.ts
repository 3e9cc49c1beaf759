// Where the Postman files go, and which servers get an environment. Kept apart from the builder so
// the build can list a stage's outputs without loading it.
import { serversByName } from "../../../spec/local-servers.ts";
import { loadBundle } from "../../../spec/openapi.ts";

export const POSTMAN_DIR = "postman";
export const COLLECTION_FILE = "messages-dev.postman_collection.json";
export const environmentFile = (server: string) => `${server}.postman_environment.json`;


/** The files the Postman stage writes, relative to generated/: the collection and an environment per server. */
export function postmanFiles(spec = loadBundle()): string[] {
  return [COLLECTION_FILE, ...[...serversByName(spec).keys()].map(environmentFile)].map((file) => `${POSTMAN_DIR}/${file}`);
}
