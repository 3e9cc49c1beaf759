// An API error as the handlers raise it: the code, and what is specific to this occurrence. The
// status, type and default message come from the spec's error catalogue when the reply is written.
import type { components } from "../../generated/schema.d.ts";

/** The spec's error codes: a code the spec does not know does not compile. */
export type ErrorCode = components["schemas"]["ErrorCode"];

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly param?: string,
    message?: string,
    /** Extra response headers, such as Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message ?? "");
  }

  /** The message to send, or undefined to use the catalogue's. */
  get specificMessage(): string | undefined {
    return this.message === "" ? undefined : this.message;
  }
}
