#!/usr/bin/env node
// The `seed-curator` command: a shim that runs the bundled CLI (dist/cli/cli.js).
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const bundle = path.join(__dirname, '..', 'dist', 'cli', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write(
    `seed-curator: the CLI is not built (${path.relative(process.cwd(), bundle) || bundle} is missing).\n` +
      'Run `npm run build` (or `npm ci`, which builds through the prepare script) in the seed-curator package, then try again.\n',
  );
  process.exitCode = 2;
} else {
  require(bundle);
}
