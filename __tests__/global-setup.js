// Builds dist/ once before any test runs: tests that spawn `node scripts/run-app.js` in parallel
// workers would otherwise each find it stale and rebuild it under one another.
'use strict';
const { build } = require('../scripts/build');

module.exports = () => build();
