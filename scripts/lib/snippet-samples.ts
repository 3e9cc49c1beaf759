// The reference's samples in the languages people call an API from, written by a snippet generator
// (@readme/httpsnippet) from each operation's first example request. The generator writes header
// values inline and knows nothing of files or redirects, so three things are adjusted afterwards,
// the same way in every language: the key comes from MESSAGES_API_KEY, a raw-bytes body is read
// from the file its X-Filename names, and a redirect is shown (its Location) instead of followed.
import { HTTPSnippet, type HarRequest } from "@readme/httpsnippet";

export const API_KEY_VARIABLE = "MESSAGES_API_KEY";

// Stand-ins for what the generator cannot write, replaced once it has written the sample.
const KEY = "__API_KEY__";
const FILE = "__FILE_BYTES__";

export interface SnippetRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: { mediaType: string; json: unknown } | { mediaType: string; file: string } | undefined;
  /** True when the success response is a redirect: the sample prints its Location. */
  redirect: boolean;
}

interface Language {
  lang: string;
  target: string;
  client: string;
  /** The key as an expression, after the header's literal prefix (e.g. `"Bearer " + …`). */
  key: (quote: string, prefix: string) => string;
  /** A file's bytes as an expression, in place of the quoted placeholder body. */
  file: (name: string) => string;
  /** Lines to add at the top (imports the adjustments need). */
  imports: (source: string) => string;
  /** The sample, turned to print the redirect's Location instead of following it. */
  redirect: (source: string) => string;
  /** What the language's own checker asks of the generator's output. */
  tidy?: (source: string) => string;
}

const js = (s: string) => JSON.stringify(s).replace(/^"|"$/g, "'");

const LANGUAGES: Language[] = [
  {
    lang: "JavaScript",
    target: "node",
    client: "fetch",
    key: (q, prefix) => `${q}${prefix}${q} + process.env.${API_KEY_VARIABLE}`,
    file: (name) => `readFileSync(${js(name)})`,
    imports: (source) => (source.includes("readFileSync(") ? `import { readFileSync } from 'node:fs';\n\n${source}` : source),
    redirect: (source) =>
      source
        .replace(/const options = \{(\n\s*)?/, (_, newline?: string) => `const options = {${newline ?? "\n  "}redirect: 'manual',${newline ?? " "}`)
        .replace(/\.then\(res => res\.json\(\)\)\n\s*\.then\(json => console\.log\(json\)\)/, ".then(res => console.log(res.status, res.headers.get('location')))"),
  },
  {
    lang: "Python",
    target: "python",
    client: "requests",
    key: (q, prefix) => `${q}${prefix}${q} + os.environ[${q}${API_KEY_VARIABLE}${q}]`,
    file: (name) => `open(${JSON.stringify(name)}, "rb")`,
    imports: (source) => `import os\n${source}`,
    // requests follows redirects unless told not to.
    redirect: (source) =>
      source.replace(/(response = requests\.\w+\([^)]*)\)/, "$1, allow_redirects=False)").replace("print(response.text)", 'print(response.status_code, response.headers["Location"])'),
  },
  {
    lang: "Go",
    target: "go",
    client: "native",
    key: (q, prefix) => `${q}${prefix}${q} + os.Getenv(${q}${API_KEY_VARIABLE}${q})`,
    file: (name) => `os.Open(${JSON.stringify(name)})`,
    imports: (source) => {
      // A file body replaces the string reader, so "strings" may be left unused: Go refuses that.
      const withOs = source.replace("import (\n", 'import (\n\t"os"\n');
      return withOs.includes("strings.") ? withOs : withOs.replace('\t"strings"\n', "");
    },
    redirect: (source) =>
      source
        .replace("http.DefaultClient.Do(req)", "(&http.Client{\n\t\tCheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },\n\t}).Do(req)")
        .replace("fmt.Println(string(body))", 'fmt.Println(res.StatusCode, res.Header.Get("Location"), len(body))'),
    // `go vet` refuses a response used before its error is checked.
    tidy: (source) => source.replace(/res, _ := ([\s\S]*?\.Do\(req\))\n/, "res, err := $1\n\tif err != nil {\n\t\tpanic(err)\n\t}\n"),
  },
  {
    lang: "Ruby",
    target: "ruby",
    client: "native",
    key: (q, prefix) => `${q}${prefix}${q} + ENV.fetch(${q}${API_KEY_VARIABLE}${q})`,
    file: (name) => `File.binread(${JSON.stringify(name)})`,
    imports: (source) => source,
    // Net::HTTP never follows redirects.
    redirect: (source) => source.replace("puts response.read_body", 'puts response.code, response["Location"]'),
  },
  {
    lang: "PHP",
    target: "php",
    client: "curl",
    key: (q, prefix) => `${q}${prefix}${q} . getenv(${q}${API_KEY_VARIABLE}${q})`,
    file: (name) => `file_get_contents(${JSON.stringify(name)})`,
    imports: (source) => source,
    // PHP's curl follows no redirect without CURLOPT_FOLLOWLOCATION.
    redirect: (source) => source.replace("echo $response;", "echo curl_getinfo($curl, CURLINFO_REDIRECT_URL);"),
  },
];

/** The languages written by the generator, in the order the reference shows them. */
export const SNIPPET_LANGUAGES = LANGUAGES.map(({ lang }) => lang);

function harRequest(request: SnippetRequest): HarRequest {
  const url = new URL(request.url);
  const headers: Record<string, string> = { Authorization: `Bearer ${KEY}`, ...request.headers };
  const { body } = request;
  if (body) headers["Content-Type"] = body.mediaType;
  return {
    method: request.method.toUpperCase(),
    url: `${url.origin}${url.pathname}`,
    httpVersion: "HTTP/1.1",
    cookies: [],
    headers: Object.entries(headers).map(([name, value]) => ({ name, value })),
    queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
    ...(body && { postData: { mimeType: body.mediaType, text: "file" in body ? FILE : JSON.stringify(body.json) } }),
    headersSize: -1,
    bodySize: -1,
  } as HarRequest;
}

function adjust(language: Language, source: string, request: SnippetRequest): string {
  let out = source.replace(new RegExp(`(["'])([^"'\\n]*)${KEY}\\1`, "g"), (_, quote: string, prefix: string) => language.key(quote, prefix));
  if (request.body && "file" in request.body) {
    const { file } = request.body;
    out = language.lang === "Go"
      ? out.replace(`payload := strings.NewReader("${FILE}")`, `payload, _ := ${language.file(file)}`)
      : out.replace(new RegExp(`(["'])${FILE}\\1`), () => language.file(file));
  }
  if (request.redirect) out = language.redirect(out);
  if (language.tidy) out = language.tidy(out);
  out = language.imports(out);
  if (out.includes(KEY) || out.includes(FILE)) throw new Error(`The ${language.lang} sample of ${request.method} ${request.url} kept a placeholder`);
  return out;
}

export function snippetSamples(request: SnippetRequest): { lang: string; label: string; source: string }[] {
  const snippet = new HTTPSnippet(harRequest(request));
  return LANGUAGES.map((language) => {
    const [source] = snippet.convert(language.target as never, language.client) as string[];
    return { lang: language.lang, label: language.lang, source: adjust(language, source!, request) };
  });
}
