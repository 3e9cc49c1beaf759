// The account's sandbox: missing until POST /v1/sandbox creates it with an activation code,
// pending until the paired phone texts that code (POST /_emulator/sandbox/activate), then active.
// Its usage is the daily quota that sends from the sandbox line count against.
import { randomInt } from "node:crypto";
import type { EmulatorContext, Handler } from "../context.ts";
import { sandboxLine as findSandboxLine } from "../state/lookups.ts";
import { saveSetting, setting } from "../state/settings.ts";
import { sandboxUsage } from "./writes.ts";

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 6;

const sandboxLine = (emulator: EmulatorContext) => findSandboxLine(emulator.db);

function activationCode(emulator: EmulatorContext): string | undefined {
  return setting(emulator.db, "sandbox_activation_code");
}

function sandbox(emulator: EmulatorContext) {
  const line = sandboxLine(emulator);
  const code = activationCode(emulator);
  const status = line?.activated_at != null ? "active" : line && code ? "pending" : "missing";
  // The other reading: every field set whenever the emulator has a value for it.
  const always = emulator.config.readings.sandbox_fields === "always_set";
  return {
    status,
    activation_code: status === "pending" || always ? (code ?? null) : null,
    sandbox_line_handle: status === "missing" && !always ? null : (line?.handle ?? null),
    contact_identifier: status === "active" || always ? (line?.paired_phone ?? null) : null,
    activated_at: status === "active" ? line!.activated_at : null,
    usage: sandboxUsage(emulator, line),
  };
}

export const getSandbox: Handler = (_request, emulator) => ({ body: sandbox(emulator) });

/** Issues an activation code when the sandbox is missing; a config without a sandbox line has none to offer. */
export const createSandbox: Handler = async (_request, emulator) => {
  if (sandboxLine(emulator) && !activationCode(emulator)) {
    const code = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
    await emulator.commits.run(() => saveSetting(emulator.db, "sandbox_activation_code", code));
  }
  return { body: sandbox(emulator) };
};
