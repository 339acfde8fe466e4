#!/usr/bin/env node
'use strict';
// The CLI is bundled into dist/cli.js by `npm run build` (run automatically by `npm ci`/`npm install`).
// --debug: stacks point into the TypeScript sources (dist/cli.js.map); must be on before the bundle loads
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
let cli;
try {
  cli = require('../dist/cli.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && /dist[\\/]cli\.js/.test(e.message)) {
    process.stderr.write('domxml: the CLI is not built yet; run `npm run build` in ' + require('path').resolve(__dirname, '..') + '\n');
    process.exit(2);
  }
  throw e;
}
process.exitCode = cli.runCli(process.argv.slice(2), cli.defaultIO());
// next time, start from a heap snapshot with the schema loaded (bin/domxml; built in the background, once)
if (cli.scheduleSnapshotBuild) cli.scheduleSnapshotBuild(require('path').resolve(__dirname, '..', 'dist'));
