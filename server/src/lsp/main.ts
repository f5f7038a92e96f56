// `node dist/server.js --stdio` (or --node-ipc / --socket=N): Tenet as a standard language server.

import * as path from 'node:path';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { TenetServer } from './server';

const connection = createConnection(ProposedFeatures.all);
// The bundle sits in dist/; rule documentation ships beside it in docs/rules.
new TenetServer(connection, { docsDir: path.join(__dirname, '..', 'docs', 'rules') });
// A bug in a handler must not end the session: log it and keep serving.
process.on('uncaughtException', (error) => connection.console.error(`tenet: unexpected error: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`tenet: unexpected rejection: ${String(reason)}`));
connection.listen();
