#!/usr/bin/env node
// The `jixiao` command. The CLI is TypeScript, run through tsx's loader: no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/server/cli/main.ts');
process.exitCode = await main(process.argv);
