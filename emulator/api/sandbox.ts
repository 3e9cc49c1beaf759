// The account's sandbox: missing until POST /v1/sandbox creates it with an activation code,
// pending until the paired phone texts that code (POST /_emulator/sandbox/activate), then active.
// Its usage is the daily quota that sends from the sandbox line count against.
import { randomInt } from "node:crypto";
import type { components } from "../../generated/schema.d.ts";
import type { EmulatorContext, Handler } from "../context.ts";
import { assertSandboxOwner, sandboxLine as findSandboxLine, updateSandboxLine } from "../state/lookups.ts";
import { deleteSetting, saveSetting, setting } from "../state/settings.ts";
import type { LineRow } from "../state/rows.ts";
import { sandboxUsage } from "./writes.ts";

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 6;

const sandboxLine = (emulator: EmulatorContext) => findSandboxLine(emulator.db);

function activationCode(emulator: EmulatorContext): string | undefined {
  return setting(emulator.db, "sandbox_activation_code");
}

export function sandbox(emulator: EmulatorContext) {
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

export const getSandbox: Handler = (request, emulator) => {
  assertSandboxOwner(request.key);
  return { body: sandbox(emulator) };
};

function issueActivationCode(emulator: EmulatorContext): void {
  const code = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
  saveSetting(emulator.db, "sandbox_activation_code", code);
}

/** Issues an activation code when the sandbox is missing; a config without a sandbox line has none to offer. */
export const createSandbox: Handler = async (request, emulator) => {
  assertSandboxOwner(request.key);
  if (sandboxLine(emulator) && !activationCode(emulator)) await emulator.commits.run(() => issueActivationCode(emulator));
  return { body: sandbox(emulator) };
};

export type SandboxStatus = components["schemas"]["SandboxStatus"];

/**
 * Puts the sandbox in a state, as the dashboard, the paired phone and the passing days would: for
 * the simulation endpoints. `dailyQuota` replaces the sandbox line's quota (0: every send is over it),
 * `advancedFeatures` whether it can send audio messages.
 */
export function putSandbox(emulator: EmulatorContext, line: LineRow, status: SandboxStatus, change: { dailyQuota?: number; advancedFeatures?: boolean }): void {
  emulator.db.transaction(() => {
    if (status === "missing") deleteSetting(emulator.db, "sandbox_activation_code");
    else if (!activationCode(emulator)) issueActivationCode(emulator);
    const activatedAt = status === "active" ? (line.activated_at ?? emulator.clock.now()) : null;
    updateSandboxLine(emulator.db, line.id, { activatedAt, ...change });
  })();
}
