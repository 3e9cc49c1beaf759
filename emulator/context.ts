// What every part of a running emulator shares: the spec, the config, the state and the clock.
import type { ApiKey, ResolvedConfig } from "./config.ts";
import type { Clock } from "./clock.ts";
import type { RateLimiter } from "./http/auth.ts";
import type { Params } from "./http/params.ts";
import type { ApiSpec, OperationSpec } from "./spec.ts";
import type { Db } from "./state/db.ts";
import type { GroupCommit } from "./state/group-commit.ts";
import type { JsonObject } from "../spec/openapi.ts";

export interface EmulatorContext {
  spec: ApiSpec;
  config: ResolvedConfig;
  db: Db;
  clock: Clock;
  keys: Map<string, ApiKey>;
  rateLimiter: RateLimiter;
  /** Writes that answer a request go through here, so they are committed before the answer. */
  commits: GroupCommit;
  /** `http://host:port` of the running server, for the download URLs it hands out. */
  baseUrl: string;
  /** Wakes the background work (outbox, webhook deliveries) after something was queued. */
  wake(): void;
}

export interface ApiRequest {
  operation: OperationSpec;
  requestId: string;
  key: ApiKey;
  query: Params;
  headers: Params;
  body: Params;
  /** The raw body of an upload. */
  raw: Buffer | undefined;
  contentType: string | undefined;
}

export interface Reply {
  status: number;
  body?: JsonObject;
  headers?: Record<string, string>;
}

/** What a handler answers on success; the status is the one the spec documents for the operation. */
export type Success = Omit<Reply, "status">;

export type Handler = (request: ApiRequest, emulator: EmulatorContext) => Success | Promise<Success>;
