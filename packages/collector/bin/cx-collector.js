#!/usr/bin/env node
// The installed command. It lives outside dist/ because tsc writes dist/cli.js without the execute bit,
// so a bin pointing there fails with "Permission denied" in a fresh clone after `npm run build`.
import '../dist/cli.js';
