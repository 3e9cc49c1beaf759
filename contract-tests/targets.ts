// Turns a target name into a running server and its base URL: the runner starts the mock and the
// emulator itself (unless CONTRACT_BASE_URL names one that runs already) and stops them after.
import { startMock } from "../tooling/process/mock-server.ts";
import { productionUrl, type OpenApiDocument } from "../spec/openapi.ts";
import { startEmulator, type DriftKind } from "../emulator/index.ts";
import type { ContractConfig, TargetKind } from "./config.ts";

export interface Target {
  kind: TargetKind;
  baseUrl: string;
  /** Answers from canned examples and keeps no state: the mock. */
  canned: boolean;
  /** Has the emulator's simulation endpoints (`/_emulator/…`). */
  simulation: boolean;
  close(): Promise<void>;
}

/** The emulator's public entry, as far as the runner uses it; a test passes a stand-in. */
export type StartEmulator = (options: { port: number; drift?: DriftKind[] }) => Promise<{ url: string; close(): Promise<void> }>;

export async function openTarget(config: ContractConfig, spec: OpenApiDocument, start: StartEmulator = startEmulator): Promise<Target> {
  const target = { kind: config.target, canned: config.target === "mock", simulation: config.target === "emulator" };
  const nothingToStop = async () => {};
  if (config.baseUrl) return { ...target, baseUrl: config.baseUrl, close: nothingToStop };
  switch (config.target) {
    case "mock": {
      const prism = await startMock({ port: 0 });
      return { ...target, baseUrl: prism.url, close: () => prism.close() };
    }
    case "emulator": {
      const emulator = await start({ port: 0, ...(config.drift.length > 0 && { drift: config.drift }) });
      return { ...target, baseUrl: emulator.url, close: () => emulator.close() };
    }
    case "live":
      return { ...target, baseUrl: productionUrl(spec), close: nothingToStop };
  }
}
