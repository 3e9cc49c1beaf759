// Turns a target name into a running server and its base URL: the runner starts the mock and the
// emulator itself (unless CONTRACT_BASE_URL names one that runs already) and stops them after.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startMock } from "../tooling/process/mock-server.ts";
import { productionUrl, type OpenApiDocument } from "../spec/openapi.ts";
import { ConfigError, type ContractConfig, type TargetKind } from "./config.ts";

export interface Target {
  kind: TargetKind;
  baseUrl: string;
  /** Answers from canned examples and keeps no state: the mock. */
  canned: boolean;
  /** Has the emulator's simulation endpoints (`/_emulator/…`). */
  simulation: boolean;
  close(): Promise<void>;
}

/** The emulator's programmatic API (issue 6), as far as the runner uses it. */
type StartEmulator = (options: { port?: number; drift?: string[] }) => Promise<{ url: string; close(): Promise<void> }>;

export const EMULATOR_MODULE = new URL("../emulator/index.ts", import.meta.url);

export async function openTarget(config: ContractConfig, spec: OpenApiDocument, emulatorModule = EMULATOR_MODULE): Promise<Target> {
  const target = { kind: config.target, canned: config.target === "mock", simulation: config.target === "emulator" };
  const nothingToStop = async () => {};
  if (config.baseUrl) return { ...target, baseUrl: config.baseUrl, close: nothingToStop };
  switch (config.target) {
    case "mock": {
      const prism = await startMock({ port: 0 });
      return { ...target, baseUrl: prism.url, close: () => prism.close() };
    }
    case "emulator": {
      const startEmulator = await loadEmulator(emulatorModule);
      const emulator = await startEmulator({ port: 0, ...(config.drift.length > 0 && { drift: config.drift }) });
      return { ...target, baseUrl: emulator.url, close: () => emulator.close() };
    }
    case "live":
      return { ...target, baseUrl: productionUrl(spec), close: nothingToStop };
  }
}

async function loadEmulator(moduleUrl: URL): Promise<StartEmulator> {
  const path = fileURLToPath(moduleUrl);
  if (!existsSync(path)) {
    throw new ConfigError(
      `The emulator target needs the emulator (${path}), which is not in this checkout. ` +
        "Use a checkout that has it, or start one elsewhere and point CONTRACT_BASE_URL at it.",
    );
  }
  const module = (await import(moduleUrl.href)) as { startEmulator?: unknown };
  if (typeof module.startEmulator !== "function") throw new ConfigError(`${path} does not export startEmulator().`);
  return module.startEmulator as StartEmulator;
}
