import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** One import as written in a source file under src/. */
export interface ImportEdge {
  /** The importing file, relative to src/, with forward slashes. */
  readonly file: string;
  readonly line: number;
  /** How it imports: a type-only import still ties the folders together, so it counts. */
  readonly how: 'import' | 'import type' | 'export from' | 'import()' | 'import type()' | 'jsx';
  readonly specifier: string;
  /** The file it reaches relative to src/ (`domain/ppc.ts`), or the package it names (`ink`, `node:fs`). */
  readonly target: { readonly file: string } | { readonly package: string };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** `./x.js` as written under NodeNext names x.ts or x.tsx on disk. */
function resolveRelative(fromFile: string, specifier: string): string | undefined {
  const target = resolve(dirname(fromFile), specifier);
  const stem = target.replace(/\.(m?js|jsx)$/, '');
  const candidates = [target, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, join(target, 'index.ts'), join(target, 'index.tsx')];
  return candidates.find((path) => existsSync(path) && statSync(path).isFile());
}

/** Every import of one file's text: static, type-only, `export ... from`, `import()` and `import('x').T` in types. */
export function importsOf(fileName: string, text: string): { how: ImportEdge['how']; specifier: string; line: number }[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : /\.m?js$/.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const found: { how: ImportEdge['how']; specifier: string; line: number }[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  let jsx = false;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ how: node.importClause?.isTypeOnly ? 'import type' : 'import', specifier: node.moduleSpecifier.text, line: lineOf(node) });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push({ how: 'import', specifier: node.moduleReference.expression.text, line: lineOf(node) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ how: 'export from', specifier: node.moduleSpecifier.text, line: lineOf(node) });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const argument = node.arguments[0];
      // A computed specifier cannot be checked, so it is reported as one that reaches an unknown place.
      const specifier = argument !== undefined && ts.isStringLiteralLike(argument) ? argument.text : `<computed: ${argument?.getText(source) ?? ''}>`;
      found.push({ how: 'import()', specifier, line: lineOf(node) });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ how: 'import type()', specifier: node.argument.literal.text, line: lineOf(node) });
    } else if (!jsx && (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxFragment(node))) {
      // With "jsx": "react-jsx" every element compiles to an import of react/jsx-runtime that no line spells.
      jsx = true;
      found.push({ how: 'jsx', specifier: 'react/jsx-runtime', line: lineOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Every source file under srcDir (relative to it) and every import they make. Throws on an import that cannot
 * be checked: a computed `import()`, or one that reaches no file under src/.
 */
export function readImportGraph(srcDir: string): { files: string[]; edges: ImportEdge[] } {
  const posix = (path: string) => path.split(sep).join('/');
  const paths = sourceFiles(srcDir);
  const edges = paths.flatMap((path) => {
    const file = posix(relative(srcDir, path));
    return importsOf(path, readFileSync(path, 'utf8')).map(({ how, specifier, line }): ImportEdge => {
      if (specifier.startsWith('<computed')) throw new Error(`src/${file}:${line}: ${how} ${specifier} cannot be checked against the dependency rule`);
      if (!specifier.startsWith('.')) return { file, line, how, specifier, target: { package: specifier } };
      const target = resolveRelative(path, specifier);
      if (target === undefined || relative(srcDir, target).startsWith('..')) throw new Error(`src/${file}:${line}: ${specifier} resolves to no file under src/`);
      return { file, line, how, specifier, target: { file: posix(relative(srcDir, target)) } };
    });
  });
  return { files: paths.map((path) => posix(relative(srcDir, path))), edges };
}
