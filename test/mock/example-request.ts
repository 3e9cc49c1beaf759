// Sends an operation's first example request (spec/request-examples.ts) to a server, with
// the variations the mock tests need: other headers, a different body, or no input at all.
import { namedExamples, responses, type Json, type OpenApiDocument, type Operation } from "../../spec/openapi.ts";
import { requestExample } from "../../spec/request-examples.ts";

/** Prism's auth check accepts any bearer token; this one names where it comes from. */
export const AUTHORIZATION = { Authorization: "Bearer sk_live_mock_test" };

export interface Variation {
  headers?: Record<string, string>;
  /** Leave out the required query parameters and the body. */
  withoutInput?: boolean;
  /** Send this raw body instead of the example's. */
  rawBody?: string;
}

export function sendExample(spec: OpenApiDocument, baseUrl: string, operation: Operation, variation: Variation = {}): Promise<Response> {
  const { query, headers, body } = requestExample(spec, operation);
  const url = new URL(operation.path, baseUrl);
  const init: RequestInit & { headers: Record<string, string> } = {
    method: operation.method.toUpperCase(),
    redirect: "manual",
    headers: { ...AUTHORIZATION, ...headers },
  };
  if (!variation.withoutInput) {
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    if (body) {
      init.headers["Content-Type"] = body.mediaType;
      init.body = variation.rawBody ?? (body.binary ? String(body.value) : JSON.stringify(body.value));
    }
  }
  Object.assign(init.headers, variation.headers);
  return fetch(url, init);
}

export interface DeclaredExample {
  status: string;
  name: string;
  value: Json | undefined;
}

/** Every named JSON example of every response of an operation, in declaration order. */
export function declaredExamples(spec: OpenApiDocument, operation: Operation): DeclaredExample[] {
  return responses(spec, operation).flatMap(({ status, json }) =>
    namedExamples(spec, json).map(({ name, value }) => ({ status, name, value })),
  );
}

export const firstExample = (spec: OpenApiDocument, operation: Operation, status: string) =>
  declaredExamples(spec, operation).find((example) => example.status === status);

export interface Violation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

/** The parsed `sl-violations` header: Prism's reasons for refusing a request. */
export function violations(response: Response): Violation[] {
  const header = response.headers.get("sl-violations");
  return header ? (JSON.parse(header) as Violation[]) : [];
}
