// The servers by name: production from the bundle, the local mock's and emulator's addresses from
// local-servers.yaml (see there).
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { productionUrl, type OpenApiDocument } from "./openapi.ts";
import { ROOT } from "./paths.ts";

const LOCAL_SERVERS_FILE = `${ROOT}local-servers.yaml`;

export type LocalServerName = "mock" | "emulator";

export interface LocalServer {
  url: string;
  description: string;
}

const NAMES: LocalServerName[] = ["mock", "emulator"];

/** The local servers by name, checked: each a loopback http URL with a port, and a description. */
export function loadLocalServers(file = LOCAL_SERVERS_FILE): Record<LocalServerName, LocalServer> {
  const raw = parse(readFileSync(file, "utf8")) as Record<string, Partial<LocalServer>> | null;
  const names = Object.keys(raw ?? {});
  if (names.join() !== NAMES.join()) throw new Error(`${file}: expected exactly ${NAMES.join(" and ")}, found ${names.join(", ") || "nothing"}`);
  const check = (name: LocalServerName): LocalServer => {
    const { url, description } = raw![name] ?? {};
    const parsed = typeof url === "string" && URL.canParse(url) ? new URL(url) : undefined;
    if (parsed?.protocol !== "http:" || parsed.hostname !== "127.0.0.1" || parsed.port === "" || parsed.pathname !== "/") {
      throw new Error(`${file}: ${name}.url must be http://127.0.0.1:<port>, not ${JSON.stringify(url)}`);
    }
    if (typeof description !== "string" || description.trim() === "") throw new Error(`${file}: ${name}.description is missing`);
    return { url: parsed.origin, description };
  };
  return { mock: check("mock"), emulator: check("emulator") };
}

export const LOCAL_SERVERS = loadLocalServers();

/** The port a local server listens on unless told otherwise. */
export const defaultPort = (name: LocalServerName): number => Number(new URL(LOCAL_SERVERS[name].url).port);

/** Every server a request can go to, by name: production from the spec, then the local ones. */
export function serversByName(spec: OpenApiDocument): Map<"production" | LocalServerName, string> {
  return new Map([["production", productionUrl(spec)], ...NAMES.map((name) => [name, LOCAL_SERVERS[name].url] as const)]);
}
