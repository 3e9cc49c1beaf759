// The seed configuration: lines, API keys and the emulator's tunables, from a YAML or JSON file.
// Values the spec constrains (handles, line services, scopes) are checked against the bundle.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { createSchemaValidator } from "../spec/schema-validator.ts";
import type { ApiSpec } from "./spec.ts";

export const DEFAULT_CONFIG_FILE = fileURLToPath(new URL("./config/default.yaml", import.meta.url));

const LineConfig = z.strictObject({
  handle: z.string(),
  label: z.string().nullable().default(null),
  service: z.string().default("imessage"),
  is_active: z.boolean().default(true),
  /** Whether the line can send audio messages. */
  advanced_features: z.boolean().default(false),
  /** Present on the account's sandbox line. */
  sandbox: z
    .strictObject({
      paired_phone: z.string(),
      activated: z.boolean().default(false),
      daily_quota: z.number().int().positive().default(50),
    })
    .optional(),
});

const KeyConfig = z.strictObject({
  key: z.string().startsWith("sk_live_"),
  /** `all`, `read` (every `:read` scope), `write` (every other scope), or a list of scopes. */
  scopes: z.union([z.literal("all"), z.literal("read"), z.literal("write"), z.array(z.string()).min(1)]),
  /** Handles of the lines the key is restricted to; absent for every line. */
  lines: z.array(z.string()).min(1).optional(),
  /** This key's own hourly request limit, instead of rate_limit.requests_per_hour. */
  requests_per_hour: z.number().int().positive().optional(),
  /** False for a key no messages.dev account owns: it cannot use the sandbox (`sandbox_requires_owner`). */
  account: z.boolean().default(true),
});

const ConfigSchema = z.strictObject({
  lines: z.array(LineConfig).min(1),
  api_keys: z.array(KeyConfig).min(1),
  rate_limit: z.strictObject({ requests_per_hour: z.number().int().positive().default(1000) }).prefault({}),
  outbox: z
    .strictObject({
      max_attempts: z.number().int().positive().default(3),
      /** How long a write stays `pending` before the line's simulated device claims it. */
      claim_after_ms: z.number().int().nonnegative().default(50),
      /** How long a claimed write takes to be sent (or to fail an attempt). */
      send_after_ms: z.number().int().nonnegative().default(100),
      /** How long the worker waits between its ticks. */
      poll_interval_ms: z.number().int().positive().default(25),
    })
    .prefault({}),
  files: z.strictObject({ max_bytes: z.number().int().positive().default(25 * 1024 * 1024) }).prefault({}),
  /**
   * The reading the emulator takes of claims the spec marks unconfirmed. The defaults are the spec's
   * readings; each other value is the opposite one, so a probe can be shown to refute it.
   */
  readings: z
    .strictObject({
      /** Lists' order within a page. */
      list_order: z.enum(["newest_first", "oldest_first"]).default("newest_first"),
      /** Which webhook URLs createWebhook accepts. */
      webhook_urls: z.enum(["any", "https_only"]).default("any"),
      /** Whether the sandbox's nullable fields are set only in the statuses the spec says, or always. */
      sandbox_fields: z.enum(["by_status", "always_set"]).default("by_status"),
      /** A `limit` above the largest page: answered with the largest page, or refused. */
      page_limit: z.enum(["largest_page", "refused"]).default("largest_page"),
      /** A phone number whose `+` arrived as a space in the query: refused, or read back as a `+`. */
      plus_in_query: z.enum(["refused", "read_as_plus"]).default("refused"),
    })
    .prefault({}),
  webhooks: z
    .strictObject({
      max_attempts: z.number().int().positive().default(6),
      timeout_ms: z.number().int().positive().default(5000),
      /** The first retry waits this long; each later one twice as long, up to max_backoff_ms. */
      backoff_ms: z.number().int().nonnegative().default(1000),
      max_backoff_ms: z.number().int().nonnegative().default(60_000),
    })
    .prefault({}),
  /**
   * Who may reach the emulator besides loopback. Requests whose Host is not a loopback name or
   * listed in `hosts` are refused (so DNS rebinding cannot reach it); list the names a container or
   * dev container uses. Simulation calls from a page whose Origin is not loopback (any port) or
   * listed in `origins` (an origin such as "http://devbox:5173", or a host name) are refused.
   */
  access: z.strictObject({ hosts: z.array(z.string()).default([]), origins: z.array(z.string()).default([]) }).prefault({}),
});

export type EmulatorConfig = z.input<typeof ConfigSchema>;
export type ResolvedConfig = z.output<typeof ConfigSchema>;
export type LineSeed = ResolvedConfig["lines"][number];

export interface ApiKey {
  key: string;
  scopes: Set<string>;
  /** Line handles the key is restricted to, or undefined for every line. */
  lines: Set<string> | undefined;
  /** The key's own hourly limit, or undefined for the configured default. */
  requestsPerHour: number | undefined;
  /** Whether an account owns the key, as it must to use the sandbox. */
  account: boolean;
}

export function readConfigFile(file: string): EmulatorConfig {
  const text = readFileSync(file, "utf8");
  return (/\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text)) as EmulatorConfig;
}

/** Parses and checks a config against its own schema and the API's; throws a readable error. */
export function resolveConfig(input: string | EmulatorConfig | undefined, spec: ApiSpec): ResolvedConfig {
  const raw = typeof input === "string" || input === undefined ? readConfigFile(input ?? DEFAULT_CONFIG_FILE) : input;
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Invalid emulator config:\n${z.prettifyError(parsed.error)}`);
  const config = parsed.data;
  const problems = checkAgainstSpec(config, spec);
  if (problems.length > 0) throw new Error(`Invalid emulator config:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  return config;
}

function checkAgainstSpec(config: ResolvedConfig, spec: ApiSpec): string[] {
  const validator = createSchemaValidator(spec.document);
  const problems: string[] = [];
  const check = (schema: string, value: unknown, what: string) => {
    if (validator.validate(`#/components/schemas/${schema}`, value).length > 0) problems.push(`${what} is not a valid ${schema}`);
  };
  const handles = new Set<string>();
  for (const line of config.lines) {
    check("LineHandle", line.handle, `line ${line.handle}`);
    check("LineService", line.service, `the service '${line.service}' of line ${line.handle}`);
    if (line.sandbox) check("LineHandle", line.sandbox.paired_phone, `the paired phone of line ${line.handle}`);
    if (handles.has(line.handle)) problems.push(`line ${line.handle} is listed twice`);
    handles.add(line.handle);
  }
  if (config.lines.filter((line) => line.sandbox).length > 1) problems.push("only one line can be the sandbox line");
  for (const key of config.api_keys) {
    const scopes = Array.isArray(key.scopes) ? key.scopes : [];
    for (const scope of scopes.filter((s) => !spec.scopes.includes(s))) {
      problems.push(`key ${key.key} has the unknown scope '${scope}' (known: ${spec.scopes.join(", ")})`);
    }
    for (const handle of key.lines ?? []) if (!handles.has(handle)) problems.push(`key ${key.key} names the unknown line ${handle}`);
  }
  return problems;
}

export function apiKeys(config: ResolvedConfig, spec: ApiSpec): Map<string, ApiKey> {
  const scopesOf = (scopes: ResolvedConfig["api_keys"][number]["scopes"]) =>
    scopes === "all" ? spec.scopes
    : scopes === "read" ? spec.scopes.filter((s) => s.endsWith(":read"))
    : scopes === "write" ? spec.scopes.filter((s) => !s.endsWith(":read"))
    : scopes;
  return new Map(
    config.api_keys.map((key) => [
      key.key,
      { key: key.key, scopes: new Set(scopesOf(key.scopes)), lines: key.lines && new Set(key.lines), requestsPerHour: key.requests_per_hour, account: key.account },
    ]),
  );
}
