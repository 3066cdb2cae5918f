// TEMPORARY STUB — NOT THE LANGUAGE SERVER.
// Written on branch `client` only so the extension and its real-editor tests can be developed
// before the lead's server lands. At merge, take the lead's server/src/server.ts and delete this
// file's content entirely. It knows a handful of codes, one NCCI pair and one quick fix, and it
// implements the contract the client relies on: diagnostics with source 'hai-claims' and a rule
// code, hover with "Work RVUs", completion of codes, a quick fix, `haiClaims/estimate`, and a pull
// of the `haiClaims` configuration section.
import {
  CodeActionKind,
  type CodeAction,
  type CompletionItem,
  CompletionItemKind,
  createConnection,
  type Diagnostic,
  DiagnosticSeverity,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

const CODES: Record<string, { description: string; workRvu: number; facility: string; nonFacility: string }> = {
  '36260': { description: 'Insertion of implantable intra-arterial infusion pump', workRvu: 9.66, facility: '$633', nonFacility: 'NA' },
  '15860': { description: 'Intravenous injection of agent to test vascular flow', workRvu: 1.9, facility: '$93', nonFacility: 'NA' },
  '49000': { description: 'Exploratory laparotomy', workRvu: 12.23, facility: '$729', nonFacility: 'NA' },
  '78830': { description: 'SPECT with concurrently acquired CT', workRvu: 1.45, facility: '$65', nonFacility: 'NA' },
  '77002': { description: 'Fluoroscopic guidance for needle placement', workRvu: 0.53, facility: '$27', nonFacility: '$27' },
  '96522': { description: 'Refilling and maintenance of implantable pump', workRvu: 0.21, facility: 'NA', nonFacility: '$125' },
  J9200: { description: 'Floxuridine, 500 mg', workRvu: 0, facility: '$0', nonFacility: '$4,128' },
};
const DENIED_WITH: Record<string, string[]> = { '49000': ['36260', '47600'] };

interface Line {
  line: number;
  code: string;
  start: number;
  end: number;
  date: string;
}

function serviceLines(doc: TextDocument): Line[] {
  const out: Line[] = [];
  let date = '';
  doc.getText().split(/\r?\n/).forEach((raw, line) => {
    const text = raw.replace(/#.*/, '');
    const on = /^\s*on\s+(\S+(?:\s+\d+)?)/.exec(text);
    if (on) date = on[1]!;
    const m = /^(\s*)(\d{4}[0-9FT]|[A-V]\d{4})\b/.exec(text);
    if (m) out.push({ line, code: m[2]!, start: m[1]!.length, end: m[1]!.length + m[2]!.length, date });
  });
  return out;
}

function diagnose(doc: TextDocument): Diagnostic[] {
  const lines = serviceLines(doc);
  const diags: Diagnostic[] = [];
  for (const l of lines) {
    const other = lines.find((o) => o.date === l.date && (DENIED_WITH[l.code] ?? []).includes(o.code));
    if (other) {
      diags.push({
        range: { start: { line: l.line, character: l.start }, end: { line: l.line, character: l.end } },
        severity: DiagnosticSeverity.Warning,
        source: 'hai-claims',
        code: 'ncci-ptp',
        message: `NCCI: ${l.code} is not reimbursable with ${other.code} on the same date (stub server).`,
      });
    }
  }
  return diags;
}

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    hoverProvider: true,
    completionProvider: { triggerCharacters: ['-'] },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
  },
}));

connection.onInitialized(() => {
  void connection.workspace.getConfiguration('haiClaims').then(
    (settings: unknown) => connection.console.log(`stub server: settings keys ${Object.keys(settings ?? {}).join(',')}`),
    () => undefined,
  );
});

documents.onDidChangeContent((e) => {
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: diagnose(e.document) });
});

connection.onHover((p) => {
  const doc = documents.get(p.textDocument.uri);
  const l = doc && serviceLines(doc).find((s) => s.line === p.position.line && p.position.character >= s.start && p.position.character <= s.end);
  const info = l && CODES[l.code];
  if (!l || !info) return null;
  return {
    contents: {
      kind: 'markdown',
      value: `**${l.code}** ${info.description}\n\n| Work RVUs | Facility | Non-facility |\n|---|---|---|\n| ${info.workRvu} | ${info.facility} | ${info.nonFacility} |\n\n_stub server_`,
    },
    range: { start: { line: l.line, character: l.start }, end: { line: l.line, character: l.end } },
  };
});

connection.onCompletion((): CompletionItem[] =>
  Object.entries(CODES).map(([code, info]) => ({ label: code, detail: info.description, kind: CompletionItemKind.Value })),
);

connection.onCodeAction((p): CodeAction[] =>
  p.context.diagnostics
    .filter((d) => d.source === 'hai-claims' && d.code === 'ncci-ptp')
    .map((d) => ({
      title: 'Remove the denied line',
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: {
        changes: {
          [p.textDocument.uri]: [
            { range: { start: { line: d.range.start.line, character: 0 }, end: { line: d.range.start.line + 1, character: 0 } }, newText: '' },
          ],
        },
      },
    })),
);

connection.onRequest('haiClaims/estimate', (p: { uri: string }) => {
  const doc = documents.get(p.uri);
  const rows = doc ? serviceLines(doc).map((l) => `| ${l.date} | ${l.code} | ${CODES[l.code]?.facility ?? '?'} |`) : [];
  return { markdown: ['| Date | Code | Allowable |', '|---|---|---|', ...rows, '', '_stub server_'].join('\n') };
});

documents.listen(connection);
connection.listen();
