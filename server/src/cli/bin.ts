// Entry point of dist/cli.js. It only wires process values into main(); setting exitCode instead
// of calling process.exit lets piped stdout drain before Node exits.

import { main } from './main';

// `tenet lint | head` closes the pipe early; that is the reader's choice, not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
}).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`tenet: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
