#!/usr/bin/env node
// Thin launcher: the CLI is bundled by `npm run build` into out/cli/gomodx.js.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'out', 'cli', 'gomodx.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('gomodx: not built yet; run `npm run build` in ' + path.dirname(__dirname) + '\n');
  process.exit(2);
}
require(bundle);
