#!/usr/bin/env node
// The command's entry: the only module with a side effect. serve keeps the process alive through its
// server; the other commands end when main returns.
import { main } from './cli/main.js';

process.exitCode = await main(process.argv.slice(2));
