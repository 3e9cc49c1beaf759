// The published bundle names production only, and asks for the key at its root; the local servers'
// addresses come from local-servers.yaml, and everything that needs them reads them from there.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEFAULT_PORT as EMULATOR_PORT } from "../../emulator/index.ts";
import { servers } from "../../generated/servers.ts";
import { LOCAL_SERVERS, loadLocalServers } from "../../spec/local-servers.ts";
import { DEFAULT_MOCK_PORT } from "../../tooling/process/mock-server.ts";
import { loadBundle, productionUrl, type JsonObject } from "../../spec/openapi.ts";
import { BUNDLE_JSON, ROOT } from "../../spec/paths.ts";

const spec = loadBundle(BUNDLE_JSON);

describe("the published bundle", () => {
  it("lists one server, production, over https", () => {
    expect(spec.servers).toHaveLength(1);
    expect(productionUrl(spec)).toMatch(/^https:\/\//);
  });

  it("finds production only when it is the one server listed", () => {
    const withLocal = { ...spec, servers: [...(spec.servers as JsonObject[]), { url: LOCAL_SERVERS.mock.url }] };
    expect(() => productionUrl(withLocal)).toThrow("exactly one server");
    expect(() => productionUrl({ ...spec, servers: [] })).toThrow("exactly one server");
  });

  it("requires the bearer key at its root, a scheme it defines", () => {
    expect(spec.security).toEqual([{ bearerAuth: [] }]);
    expect(((spec.components as JsonObject).securitySchemes as JsonObject).bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  });
});

describe("local-servers.yaml", () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
  const configFile = async (text: string) => {
    const dir = await mkdtemp(join(tmpdir(), "local-servers-"));
    dirs.push(dir);
    await writeFile(join(dir, "local-servers.yaml"), text);
    return join(dir, "local-servers.yaml");
  };

  it("is where the generated servers, the mock's and the emulator's default ports come from", () => {
    expect(servers).toEqual({ production: productionUrl(spec), mock: LOCAL_SERVERS.mock.url, emulator: LOCAL_SERVERS.emulator.url });
    expect(`http://127.0.0.1:${DEFAULT_MOCK_PORT}`).toBe(LOCAL_SERVERS.mock.url);
    expect(`http://127.0.0.1:${EMULATOR_PORT}`).toBe(LOCAL_SERVERS.emulator.url);
  });

  it("gives the emulator's simulation spec its server, the one address YAML cannot import", async () => {
    const simulation = parse(await readFile(join(ROOT, "emulator/simulation.openapi.yaml"), "utf8")) as { servers: Array<{ url: string }> };
    expect(simulation.servers.map(({ url }) => url)).toEqual([LOCAL_SERVERS.emulator.url]);
  });

  it("refuses an address off the loopback interface, naming the server", async () => {
    const file = await configFile("mock: {url: 'http://0.0.0.0:4010', description: m}\nemulator: {url: 'http://127.0.0.1:4020', description: e}\n");
    expect(() => loadLocalServers(file)).toThrow("mock.url must be http://127.0.0.1:<port>");
  });

  it("refuses a missing server", async () => {
    const file = await configFile("mock: {url: 'http://127.0.0.1:4010', description: m}\n");
    expect(() => loadLocalServers(file)).toThrow("expected exactly mock and emulator, found mock");
  });
});
