#!/usr/bin/env node
// The cdktf app command (cdktf.json "app"): transpile, then run the compiled entry point.
'use strict';
const { join } = require('node:path');
require('./build').build();
const main = require(join(__dirname, '..', 'dist', 'main.js'));
main.run();
