// Generated from the server of generated/openapi.json and from local-servers.yaml. Do not edit: run `npm run generate`.

export const production = "https://api.messages.dev";
export const mock = "http://127.0.0.1:4010";
export const emulator = "http://127.0.0.1:4020";

/** The API's servers by name: `production` (the default), the local `mock` and `emulator`. */
export const servers = { production, mock, emulator } as const;
