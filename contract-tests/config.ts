// What a run is aimed at and allowed to do, from the command line and the environment. Every
// refusal happens here, before a single request: a run that cannot be safe does not start.
import { parseArgs } from "node:util";
import { DRIFT_KINDS, isDriftKind, type DriftKind } from "../emulator/index.ts";
import { ROOT } from "../spec/paths.ts";

const TARGETS = ["mock", "emulator", "live"] as const;
export type TargetKind = (typeof TARGETS)[number];

export interface ContractConfig {
  target: TargetKind;
  /** CONTRACT_BASE_URL: a server that is already running; nothing is started. */
  baseUrl?: string;
  apiKey: string;
  /** False only against live without CONTRACT_ALLOW_WRITES=1: then nothing but GET is sent. */
  allowWrites: boolean;
  /** CONTRACT_FROM and CONTRACT_TO: the line and the recipient that writes (and reads) use. */
  from?: string;
  to?: string;
  webhookUrl?: string;
  maxRequests: number;
  reportsDir: string;
  /** Drift kinds the emulator is started with, for the meta-test that the suite catches them. */
  drift: DriftKind[];
  /** `--strict`: a "spec behind the API" finding (an undocumented response field) fails the run too. */
  strict: boolean;
  /** --probe: also run the probes of the claims ledger. */
  probe: boolean;
}

/** What no output may show: the live key. The mock's and the emulator's keys are public. */
export const secretsOf = (config: Pick<ContractConfig, "target" | "apiKey">): string[] => (config.target === "live" ? [config.apiKey] : []);

/** A run that must not start, with what to do about it. */
export class ConfigError extends Error {}

/** The mock accepts any bearer token. */
const MOCK_KEY = "sk_live_contract_mock";
/** The all-scopes key of the emulator's default config (emulator/config/default.yaml). */
const EMULATOR_KEY = "sk_live_emulator";
/** The emulator's key with a two-requests-an-hour budget, for the rate-limit journey. */
export const EMULATOR_THROTTLED_KEY = "sk_live_emulator_throttled";
/** The keys of the emulator's default config the API refuses in its own ways, for full coverage. */
export const EMULATOR_REFUSED_KEYS = {
  /** Every `:read` scope, and no other. */
  readOnly: "sk_live_emulator_readonly",
  /** Every scope but the `:read` ones. */
  writeOnly: "sk_live_emulator_writeonly",
  /** Restricted to the Sales line. */
  oneLine: "sk_live_emulator_sales",
  /** No account owns it, so the sandbox refuses it. */
  noAccount: "sk_live_emulator_no_account",
} as const;
const DEFAULT_MAX_REQUESTS: Record<TargetKind, number> = { mock: 2000, emulator: 2000, live: 200 };

export function resolveConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ContractConfig {
  const values = parseOptions(argv);
  const target = values.target ?? env.CONTRACT_TARGET;
  if (!target || !(TARGETS as readonly string[]).includes(target)) {
    throw new ConfigError(`Choose a target: --target mock|emulator|live (or CONTRACT_TARGET)${target ? `; "${target}" is none of them` : ""}.`);
  }
  const kind = target as TargetKind;
  const baseUrl = env.CONTRACT_BASE_URL || undefined;
  const drift = values.drift ?? [];
  if (drift.length > 0 && (kind !== "emulator" || baseUrl)) {
    throw new ConfigError("--drift needs the emulator target started by the runner: use --target emulator without CONTRACT_BASE_URL.");
  }
  const unknownDrift = drift.filter((name) => !isDriftKind(name));
  if (unknownDrift.length > 0) throw new ConfigError(`Unknown drift kind ${unknownDrift.join(", ")}; known: ${DRIFT_KINDS.join(", ")}.`);
  const allowWrites = kind !== "live" || env.CONTRACT_ALLOW_WRITES === "1";
  const config: ContractConfig = {
    target: kind,
    ...(baseUrl && { baseUrl }),
    apiKey: kind === "live" ? liveKey(env) : kind === "emulator" ? EMULATOR_KEY : MOCK_KEY,
    allowWrites,
    ...(env.CONTRACT_FROM && { from: env.CONTRACT_FROM }),
    ...(env.CONTRACT_TO && { to: env.CONTRACT_TO }),
    ...(env.CONTRACT_WEBHOOK_URL && { webhookUrl: env.CONTRACT_WEBHOOK_URL }),
    maxRequests: maxRequests(env.CONTRACT_MAX_REQUESTS, DEFAULT_MAX_REQUESTS[kind]),
    reportsDir: env.CONTRACT_REPORTS_DIR || `${ROOT}contract-tests/reports`,
    drift: drift.filter(isDriftKind),
    strict: values.strict ?? false,
    probe: values.probe ?? false,
  };
  if (kind === "live" && allowWrites && (!config.from || !config.to)) {
    throw new ConfigError(
      "CONTRACT_ALLOW_WRITES=1 against live needs CONTRACT_FROM (the handle of your line) and CONTRACT_TO " +
        "(a recipient that expects test messages, such as the phone paired with your sandbox line).",
    );
  }
  return config;
}

function parseOptions(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: { target: { type: "string" }, drift: { type: "string", multiple: true }, strict: { type: "boolean" }, probe: { type: "boolean" } },
      strict: true,
    }).values;
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}. Usage: npm run contract -- --target mock|emulator|live [--probe] [--strict] [--drift kind]...`);
  }
}

function liveKey(env: NodeJS.ProcessEnv): string {
  const key = env.MESSAGES_API_KEY;
  if (!key) {
    throw new ConfigError(
      "The live target needs an API key: set MESSAGES_API_KEY=sk_live_… (it is never printed). " +
        "Without CONTRACT_ALLOW_WRITES=1 only reads and the error journeys run.",
    );
  }
  return key;
}

function maxRequests(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new ConfigError(`CONTRACT_MAX_REQUESTS must be a whole number above 0, not "${value}".`);
  return count;
}
