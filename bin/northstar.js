#!/usr/bin/env node
// The `northstar` command: runs the built CLI (npm run build writes dist/). All logic lives in src/cli/.
import { main } from '../dist/cli/main.js';

await main();
