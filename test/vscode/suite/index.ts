// Entry point of the real-editor suite, in the @vscode/test-electron layout: VS Code's extension
// host loads this module (extensionTestsPath) and awaits run(); a rejection is a failed run.
// The same module runs under @vscode/test-electron (npm run test:vscode) and inside code-server
// (npm run test:editor), where the workbench reports the result through codeAutomationExit.
// Mocha's spec output goes to the console and, because an extension host's console is not always
// visible, to a log file as well: $HAI_VSCODE_TEST_LOG, else <workspace>/.vscode-test-output/suite.log.
import { appendFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import * as vscode from 'vscode';

function logFile(): string | undefined {
  if (process.env.HAI_VSCODE_TEST_LOG) return process.env.HAI_VSCODE_TEST_LOG;
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.scheme === 'file' ? join(folder.uri.fsPath, '.vscode-test-output', 'suite.log') : undefined;
}

export function run(): Promise<void> {
  const file = logFile();
  const original = console.log;
  // Mocha's reporters print through Base.consoleLog (captured when mocha loads): tee it to the file.
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const say = (...args: unknown[]) => {
    if (file) appendFileSync(file, format(...args) + '\n');
    original(...args);
  };
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '');
  }
  base.consoleLog = say;
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 90_000 });
  const tests = readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const t of tests) mocha.addFile(join(__dirname, t));
  return new Promise<void>((resolve, reject) => {
    try {
      mocha.run((failures) => {
        say(`vscode suite: ${failures === 0 ? 'passed' : `${failures} failed`}`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
    } catch (err) {
      say(`vscode suite: could not run: ${String(err)}`);
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
