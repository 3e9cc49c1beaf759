// The part of newman's API the Postman collection test uses (newman ships no types).
declare module "newman" {
  export interface Header {
    key: string;
    value: string;
  }
  export interface Execution {
    item: { id: string; name: string };
    request: { method: string; url: { getPath(): string; toString(): string }; body?: { raw?: string } };
    response?: { code: number; headers: { all(): Header[] }; stream?: Buffer };
    assertions?: Array<{ assertion: string; error?: { message: string } }>;
  }
  export interface Summary {
    run: {
      executions: Execution[];
      failures: Array<{ error: { message: string }; source?: { name?: string } }>;
      stats: { assertions: { total: number; failed: number }; requests: { total: number; failed: number } };
      timings: { started: number; completed: number };
    };
  }
  export interface RunOptions {
    collection: object;
    environment?: object;
    envVar?: Array<{ key: string; value: string }>;
    folder?: string | string[];
    workingDir?: string;
    insecureFileRead?: boolean;
    reporters?: string | string[];
  }
  export function run(options: RunOptions, callback: (error: Error | null, summary: Summary) => void): unknown;
  const newman: { run: typeof run };
  export default newman;
}
