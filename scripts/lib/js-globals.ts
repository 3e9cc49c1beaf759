// The names JavaScript and the DOM already give a meaning to (`File`, `Error`, `Response`, …), read
// from TypeScript's own declarations of them, so that the list is never typed by hand. A schema
// with one of these names becomes a generated type or zod schema that shadows the global: outside
// generators then emit `z.instanceof(File)` meaning the metadata object, not the browser's File.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import ts from "typescript";

const LIB_FILE = /^lib\.(dom|es)[\w.]*\.d\.ts$/;

/** Every global declared by TypeScript's lib.dom*.d.ts and lib.es*.d.ts: values, types and namespaces. */
export function javascriptGlobals(libDir = dirname(createRequire(import.meta.url).resolve("typescript/lib/lib.d.ts"))): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(libDir).filter((name) => LIB_FILE.test(name))) {
    const source = ts.createSourceFile(file, readFileSync(join(libDir, file), "utf8"), ts.ScriptTarget.Latest);
    for (const statement of source.statements) {
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) names.add(declaration.name.getText(source));
      } else if (isNamedDeclaration(statement)) {
        names.add(statement.name.text);
      }
    }
  }
  return names;
}

type NamedDeclaration = ts.Statement & { name: ts.Identifier };

function isNamedDeclaration(statement: ts.Statement): statement is NamedDeclaration {
  const declares =
    ts.isInterfaceDeclaration(statement) ||
    ts.isFunctionDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) ||
    ts.isClassDeclaration(statement) ||
    ts.isEnumDeclaration(statement) ||
    ts.isModuleDeclaration(statement);
  return declares && statement.name !== undefined && ts.isIdentifier(statement.name);
}
