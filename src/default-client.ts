// The client the named functions and hooks use when a call does not pass its own.
import { createClient, type ClientOptions, type MessagesClient } from "./client.ts";

let current: MessagesClient | undefined;

/** Sets up the default client. Without this call, the first request creates one from MESSAGES_API_KEY. */
export function configure(options: ClientOptions): MessagesClient {
  current = createClient(options);
  return current;
}

export function defaultClient(): MessagesClient {
  current ??= createClient();
  return current;
}
