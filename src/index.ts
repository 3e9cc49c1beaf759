// @messages-dev/api-toolkit: the typed client, a function per operation, and their runtime.
export { createClient, type ClientOptions, type MessagesClient } from "./client.ts";
export { configure } from "./default-client.ts";
export {
  AuthenticationError,
  AuthorizationError,
  ConnectionError,
  InvalidRequestError,
  InvalidResponseError,
  MessagesError,
  NotFoundError,
  PaginationError,
  RateLimitError,
  ServerError,
  TimeoutError,
  type ApiErrorCode,
  type ApiErrorType,
} from "./errors.ts";
export { paginate, type Page, type PaginateOptions } from "./paginate.ts";
export { getFileUrl } from "./files.ts";
export type { BinaryBody } from "./binary.ts";
export type { RequestOptions } from "./mutator.ts";
export type { Fetch } from "./transport.ts";
export * from "../generated/operations.ts";
export type * from "../generated/models.ts";
export { servers } from "../generated/servers.ts";
export type { components, operations, paths, webhooks } from "../generated/schema.d.ts";
