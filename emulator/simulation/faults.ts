// Faults injected by POST /_emulator/faults: the next requests to one operation answer with an error
// that no input of the caller's provokes, such as 500 server_error, or a 429 rate_limit_exceeded for
// that operation alone. Kept in the settings table, so a reset forgets them.
import type { EmulatorContext } from "../context.ts";
import { ApiError, type ErrorCode } from "../http/errors.ts";
import { deleteSetting, saveSetting, setting, type SettingKey } from "../state/settings.ts";

const faultKey = (operationId: string): SettingKey => `fault:${operationId}`;
/** What a fault's 429 asks the client to wait, in seconds: the rest of an hour-long rate-limit window. */
const FAULT_RETRY_AFTER = "3600";

export interface Fault {
  operation_id: string;
  code: ErrorCode;
  count: number;
}

export function injectFault(emulator: EmulatorContext, fault: Fault): void {
  if (!emulator.spec.operations.some((operation) => operation.operationId === fault.operation_id)) {
    throw new ApiError("invalid_parameter_value", "operation_id", `The API has no operation '${fault.operation_id}'.`);
  }
  const key = faultKey(fault.operation_id);
  if (fault.count === 0) deleteSetting(emulator.db, key);
  else saveSetting(emulator.db, key, JSON.stringify({ code: fault.code, count: fault.count }));
}

/** Throws the operation's next injected fault, if one is left. */
export function takeFault(emulator: EmulatorContext, operationId: string): void {
  const key = faultKey(operationId);
  const saved = setting(emulator.db, key);
  if (saved === undefined) return;
  const { code, count } = JSON.parse(saved) as Omit<Fault, "operation_id">;
  if (count <= 1) deleteSetting(emulator.db, key);
  else saveSetting(emulator.db, key, JSON.stringify({ code, count: count - 1 }));
  const retryAfter = emulator.spec.errorCodes.get(code)?.status === 429 ? { "Retry-After": FAULT_RETRY_AFTER } : undefined;
  throw new ApiError(code, undefined, undefined, retryAfter);
}
