// `node dist/server.js --stdio` (or --node-ipc / --socket=N): Tenet as a standard language server.

import { Console } from 'node:console';
import * as path from 'node:path';
import { pipeline } from 'node:stream';
import { format } from 'node:util';
import { ProposedFeatures, createConnection, type Connection } from 'vscode-languageserver/node';
import { Reframer } from './framing';
import { TenetServer } from './server';

const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
// The bundle sits in dist/; rule documentation ships beside it in docs/rules.
new TenetServer(connection, { docsDir: path.join(__dirname, '..', 'docs', 'rules') });
// A bug in a handler must not end the session: log it and keep serving.
process.on('uncaughtException', (error) => connection.console.error(`tenet: unexpected error: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`tenet: unexpected rejection: ${String(reason)}`));
connection.listen();

/**
 * Over stdio the client's bytes pass through a Reframer (framing.ts), so a malformed header costs one
 * message instead of every later one. Handed streams rather than `--stdio`, vscode-languageserver still
 * exits when the input ends or closes, but no longer keeps console output off stdout: that is done here.
 */
function stdioConnection(): Connection {
  const input = new Reframer((problem) => stdio.console.error(`tenet: unreadable input from the client: ${problem}`));
  // stdin's end ends `input` (the server then exits); an error on stdin closes it (likewise).
  pipeline(process.stdin, input, () => undefined);
  const stdio = createConnection(ProposedFeatures.all, input, process.stdout);
  // stdout carries the protocol: console output goes to the client's log (as with --stdio), or stderr.
  const send = (level: 'log' | 'info' | 'warn' | 'error') => (...args: unknown[]) => stdio.console[level](format(...args));
  globalThis.console = Object.assign(new Console(process.stderr, process.stderr), { log: send('log'), debug: send('log'), info: send('info'), warn: send('warn'), error: send('error') });
  return stdio;
}
