// createClient: the openapi-fetch client typed by generated/schema.d.ts, sending through the
// transport (auth, timeout, retries, typed errors).
import createFetchClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/schema.d.ts";
import { production } from "../generated/servers.ts";
import { serializeBody } from "./binary.ts";
import { createTransport, type TransportOptions } from "./transport.ts";

export type MessagesClient = Client<paths>;

export interface ClientOptions extends Omit<TransportOptions, "apiKey"> {
  /** Your API key (`sk_live_…`); MESSAGES_API_KEY from the environment when absent. */
  apiKey?: string | undefined;
  /** Where the API is: production unless told otherwise, e.g. `servers.mock` or `servers.emulator`. */
  baseUrl?: string | undefined;
}

const environment = (name: string): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];

export function createClient(options: ClientOptions = {}): MessagesClient {
  const apiKey = options.apiKey || environment("MESSAGES_API_KEY");
  if (!apiKey) {
    throw new Error("No API key: pass `apiKey` to createClient() or configure(), or set MESSAGES_API_KEY.");
  }
  return createFetchClient<paths>({
    baseUrl: options.baseUrl ?? production,
    fetch: createTransport({ ...options, apiKey }),
    bodySerializer: serializeBody,
  });
}
