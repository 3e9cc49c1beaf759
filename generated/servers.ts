// Generated from the servers of generated/openapi.json. Do not edit: run `npm run generate`.

/** The API's servers by name: `production` (the default), the local `mock` and `emulator`. */
export const servers = {
  "production": "https://api.messages.dev",
  "mock": "http://127.0.0.1:4010",
  "emulator": "http://127.0.0.1:4020"
} as const;
