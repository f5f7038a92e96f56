// Entry point of dist/lint-worker.js, a worker thread of a large CLI run (see parallel.ts): it checks
// the policies the main thread sends and replies with what it found. A request sent while it starts
// waits in its port until it listens.

import { parentPort, workerData } from 'node:worker_threads';
import { prepareTerraform } from '../engine/index';
import { LintSession } from '../engine/lint';
import { GitHistory } from '../host/git';
import { NodeFs } from '../host/node-fs';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './parallel';

const port = parentPort!;
const setup = workerData as WorkerSetup;
const reply = (message: WorkerReply) => port.postMessage(message);
const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

prepareTerraform().then(
  () => {
    const session = new LintSession({
      fs: new NodeFs(setup.root),
      root: setup.root,
      today: setup.today,
      configFile: setup.configFile,
      history: new GitHistory(setup.root),
      policyFiles: setup.policyFiles,
    });
    port.on('message', (request: WorkerRequest) => {
      try {
        reply({ kind: 'checked', ...session.checkShare(request.files) });
      } catch (error) {
        reply({ kind: 'failed', error: describe(error) });
      }
    });
  },
  (error: unknown) => reply({ kind: 'failed', error: describe(error) }),
);
