// The part of the Postman Collection Format v2.1 that the builder writes, as plain JSON. Postman's
// own SDK (postman-collection) serializes its in-memory model instead (random ids, `_` keys, no raw
// URLs), which would make the committed file change on every build; newman loads what we write.
export const COLLECTION_SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";

export interface KeyValue {
  key: string;
  value: string;
  description?: string;
  disabled?: boolean;
}

export interface Variable extends KeyValue {
  type: "string" | "secret";
}

export interface Url {
  raw: string;
  host: string[];
  path: string[];
  query?: KeyValue[];
}

export type Body = { mode: "raw"; raw: string; options: { raw: { language: "json" } } } | { mode: "file"; file: { src: string } };

export type Auth = { type: "bearer"; bearer: Variable[] } | { type: "noauth" };

export interface Request {
  method: string;
  header: KeyValue[];
  url: Url;
  body?: Body;
  description?: string;
}

export interface Script {
  listen: "prerequest" | "test";
  script: { type: "text/javascript"; exec: string[] };
}

export interface SavedResponse {
  id: string;
  name: string;
  originalRequest: Request;
  status: string;
  code: number;
  header: KeyValue[];
  body: string;
  _postman_previewlanguage: "json" | "text";
}

export interface Item {
  id: string;
  name: string;
  request: Request;
  response: SavedResponse[];
  event?: Script[];
  protocolProfileBehavior?: { followRedirects: boolean };
}

export interface Folder {
  name: string;
  description?: string;
  item: Item[];
  auth?: Auth;
  event?: Script[];
}

export interface Collection {
  info: { _postman_id: string; name: string; description: string; version: string; schema: string };
  auth: Auth;
  variable: Variable[];
  item: Folder[];
}

export interface Environment {
  id: string;
  name: string;
  values: Array<Variable & { enabled: true }>;
  _postman_variable_scope: "environment";
}
