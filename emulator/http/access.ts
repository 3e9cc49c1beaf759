// Who may talk to the emulator. It runs on a developer's machine with public keys and endpoints that
// wipe or rewrite its state, so a web page must not drive it: a Host that is not a loopback name
// (DNS rebinding) or allow-listed is refused everywhere, and the simulation endpoints also refuse
// a page from another origin, a body that is not JSON (a cross-origin form or text/plain POST needs
// no preflight), and the emulator's own webhook deliveries (a webhook pointed at /_emulator/reset).
import type { IncomingHttpHeaders } from "node:http";
import type { ResolvedConfig } from "../config.ts";
import type { Reply } from "../context.ts";
import { ApiError } from "./errors.ts";

/** The header every webhook delivery carries, and no simulation call does. */
export const DELIVERY_HEADER = "x-webhook-delivery-id";

const LOOPBACK_HOST = /^(localhost|[^.]+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** The host name of a Host header or an origin's authority, without the port. */
const hostName = (authority: string) => authority.replace(/:\d*$/, "").toLowerCase();

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/** A 403 in the API's envelope, with an emulator-only code: the real API has no such refusal. */
export const refused = (code: string, message: string): Reply => ({ status: 403, body: { error: { type: "authorization_error", code, message } } });

/** A refusal unless the Host header names loopback or an allow-listed host. */
export function hostRefusal(headers: IncomingHttpHeaders, access: ResolvedConfig["access"]): Reply | undefined {
  const host = headers.host;
  if (host === undefined) return undefined;
  const name = hostName(host);
  if (LOOPBACK_HOST.test(name) || access.hosts.map((allowed) => allowed.toLowerCase()).includes(name)) return undefined;
  return refused("host_not_allowed", `The emulator answers to loopback names only, not to Host "${name}". Add it to access.hosts in the config to allow it.`);
}

/** A refusal unless a simulation call comes from loopback or an allow-listed origin, and is no webhook delivery. */
export function simulationRefusal(headers: IncomingHttpHeaders, access: ResolvedConfig["access"]): Reply | undefined {
  if (headers[DELIVERY_HEADER] !== undefined) return refused("webhook_delivery_refused", "Webhook deliveries cannot call the simulation endpoints.");
  const origin = headers.origin;
  if (origin === undefined) return undefined;
  const host = originHost(origin);
  const allowed = host !== undefined && (LOOPBACK_HOST.test(hostName(host)) || access.origins.includes(origin) || access.origins.includes(hostName(host)));
  return allowed ? undefined : refused("origin_not_allowed", `The simulation endpoints refuse pages from ${origin}. Add it to access.origins in the config to allow it.`);
}

/** Throws unless a simulation POST with a body says it is JSON. */
export function requireJson(method: string | undefined, headers: IncomingHttpHeaders): void {
  const type = headers["content-type"];
  const hasBody = Number(headers["content-length"] ?? 0) > 0 || headers["transfer-encoding"] !== undefined;
  if (method === "POST" && (type !== undefined || hasBody) && !/^application\/json\s*(;|$)/i.test(type ?? "")) {
    throw new ApiError("invalid_parameter_value", undefined, "A simulation call's body must be JSON, sent with Content-Type: application/json.");
  }
}
