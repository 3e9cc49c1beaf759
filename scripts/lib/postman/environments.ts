// One Postman environment per server: production (from the spec), the mock and the emulator
// (from local-servers.yaml). Each sets the base URL and an API key: empty for production (yours), the emulator's
// all-scopes key from its default seed, and any key for the mock, which checks none.
import { DEFAULT_CONFIG_FILE, readConfigFile } from "../../../emulator/index.ts";
import type { OpenApiDocument } from "../../../spec/openapi.ts";
import { API_KEY, BASE_URL, stableId } from "./collection.ts";
import { serversByName } from "../../../spec/local-servers.ts";
import type { Environment, Variable } from "./format.ts";

function emulatorKey(): string {
  const key = readConfigFile(DEFAULT_CONFIG_FILE).api_keys.find((candidate) => candidate.scopes === "all");
  if (!key) throw new Error(`${DEFAULT_CONFIG_FILE} seeds no key with every scope`);
  return key.key;
}

function apiKey(server: string): Variable {
  const description = "Sent as `Authorization: Bearer {{apiKey}}` on every request.";
  switch (server) {
    case "emulator":
      return { key: API_KEY, value: emulatorKey(), type: "secret", description: `${description} The emulator's default seed grants this one every scope.` };
    case "mock":
      return { key: API_KEY, value: "sk_live_any", type: "secret", description: `${description} The mock accepts any bearer token.` };
    default:
      return { key: API_KEY, value: "", type: "secret", description: `${description} Paste your key here; Postman keeps secret values out of exports.` };
  }
}

/** Each named server's environment, by the server's name. */
export function buildEnvironments(spec: OpenApiDocument, collectionName: string): Map<string, Environment> {
  return new Map(
    [...serversByName(spec)].map(([server, url]) => [
      server,
      {
        id: stableId(`${collectionName}: ${server}`),
        name: `${collectionName}: ${server}`,
        values: [{ key: BASE_URL, value: url, type: "string" as const, description: "The server every request goes to." }, apiKey(server)].map((variable) => ({ ...variable, enabled: true as const })),
        _postman_variable_scope: "environment",
      },
    ]),
  );
}
