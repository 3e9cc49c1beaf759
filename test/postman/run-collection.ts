// Runs the committed Postman collection with newman against a fresh emulator on a free loopback
// port, after making each request's situation real there: the contact has written first, and every
// resource a variable names (a message, a file, a group chat, an outbox item, a webhook) exists.
// Webhook events go to a local receiver that records them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import newman, { type RunOptions, type Summary } from "newman";
import { startEmulator } from "../../emulator/index.ts";
import { COLLECTION_FILE, environmentFile, POSTMAN_DIR } from "../../scripts/lib/postman/files.ts";
import type { Collection, Environment, Variable } from "../../scripts/lib/postman/format.ts";
import { parametersOf } from "../../contract-tests/cases/requests.ts";
import { loadBundle, operations, type JsonObject } from "../../spec/openapi.ts";
import { GENERATED_DIR, ROOT } from "../../spec/paths.ts";
import { startServer, type RecordedRequest } from "../clients/support/server.ts";

const folder = join(GENERATED_DIR, POSTMAN_DIR);
export const collection = JSON.parse(readFileSync(join(folder, COLLECTION_FILE), "utf8")) as Collection;
export const environment = (server: string) => JSON.parse(readFileSync(join(folder, environmentFile(server)), "utf8")) as Environment;
/** Where newman finds the files the upload requests send (named like the spec's file-name example). */
const WORKING_DIR = join(ROOT, "contract-tests/workflows/fixtures");
export const WEBHOOK_SECRET = "whsec_newman_test";

const spec = loadBundle();

/** The value a parameter shows in its example, e.g. the `from` line and the `to` contact. */
function parameterExample(name: string): string {
  for (const operation of operations(spec)) {
    const parameter = parametersOf(spec, operation).find((candidate) => candidate.name === name && typeof candidate.example === "string");
    if (parameter) return String(parameter.example);
  }
  throw new Error(`No parameter ${name} with an example`);
}

interface Api {
  post(path: string, body: JsonObject | Buffer, headers?: Record<string, string>): Promise<JsonObject>;
}

function api(baseUrl: string, apiKey: string): Api {
  return {
    async post(path, body, headers = {}) {
      const raw = Buffer.isBuffer(body);
      const response = await fetch(`${baseUrl}${path}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": raw ? "application/octet-stream" : "application/json", ...headers },
        body: raw ? new Uint8Array(body) : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`Setting up ${path} failed: ${response.status} ${await response.text()}`);
      return (await response.json()) as JsonObject;
    },
  };
}

/** Makes a resource of the ID kind a variable names, and answers its ID. */
type Maker = (api: Api, example: string) => Promise<string>;

function makers(line: string, contact: string, receiverUrl: string): Record<string, Maker> {
  const inbound = (api: Api, extra: JsonObject = {}) => api.post("/_emulator/inbound/messages", { line, from: contact, text: "Hello from newman", ...extra });
  return {
    MessageId: async (api) => String((await inbound(api)).id),
    // A chat ID the line does not have yet creates the group: the example's own.
    ChatId: async (api, example) => String((await inbound(api, { chat_id: example, group_name: "newman" })).chat_id),
    FileId: async (api) => String((await api.post("/v1/files", readFileSync(join(WORKING_DIR, "photo.jpg")), { "X-Filename": "photo.jpg" })).id),
    OutboxItemId: async (api) => String((await api.post("/v1/messages", { from: line, to: contact, text: "Queued by newman's setup" })).id),
    WebhookId: async (api) => String((await api.post("/v1/webhooks", { from: line, url: receiverUrl, events: ["message.received"] })).id),
  };
}

/** The ID schema a variable's example value belongs to, from the schemas' patterns. */
function idKind(value: string): string | undefined {
  const schemas = (spec.components as JsonObject).schemas as Record<string, JsonObject>;
  return Object.entries(schemas).find(([name, schema]) => name.endsWith("Id") && typeof schema.pattern === "string" && new RegExp(schema.pattern).test(value))?.[0];
}

/** newman, silent, reading upload files from WORKING_DIR only. */
export function runNewman(options: Omit<RunOptions, "workingDir" | "insecureFileRead" | "reporters">): Promise<Summary> {
  return new Promise((resolve, reject) =>
    newman.run({ ...options, workingDir: WORKING_DIR, insecureFileRead: false, reporters: [] }, (error, summary) => (error ? reject(error) : resolve(summary))),
  );
}

export interface CollectionRun {
  summary: Summary;
  /** What the receiver got from newman: the signed webhook events. */
  deliveries: RecordedRequest[];
}

export async function runCollection({ apiKey }: { apiKey?: string } = {}): Promise<CollectionRun> {
  const emulator = await startEmulator({ port: 0 });
  const receiver = await startServer();
  receiver.reply({ status: 200 });
  try {
    const values = Object.fromEntries(environment("emulator").values.map(({ key, value }) => [key, value]));
    const setup = api(emulator.url, values.apiKey!);
    const line = parameterExample("from");
    const contact = parameterExample("to");
    const receiverUrl = `${receiver.url}/webhooks`;
    const make = makers(line, contact, receiverUrl);
    // The contact writes first: the contact-first rule then allows every write to them.
    await setup.post("/_emulator/inbound/messages", { line, from: contact, text: "Hi, it's me" });
    const envVar = [
      { key: "baseUrl", value: emulator.url },
      { key: "webhookSecret", value: WEBHOOK_SECRET },
      ...(apiKey === undefined ? [] : [{ key: "apiKey", value: apiKey }]),
    ];
    // Set as the collection's own values, the way a user would: the requests that create
    // resources then overwrite them for the requests after them.
    const variable: Variable[] = [];
    for (const original of collection.variable) {
      const kind = idKind(original.value);
      const maker = kind === undefined ? undefined : make[kind];
      if (kind && !maker) throw new Error(`The newman setup cannot make a ${kind} for {{${original.key}}}`);
      const isReceiver = /^https?:\/\//.test(original.value) && original.key !== "baseUrl";
      const value = maker ? await maker(setup, original.value) : isReceiver ? receiverUrl : original.value;
      variable.push({ ...original, value });
    }
    const summary = await runNewman({ collection: { ...collection, variable }, environment: environment("emulator"), envVar });
    const deliveries = receiver.requests.filter((request) => String(request.headers["user-agent"]).startsWith("PostmanRuntime"));
    return { summary, deliveries };
  } finally {
    await receiver.close();
    await emulator.close();
  }
}
