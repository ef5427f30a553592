#!/usr/bin/env node
// The `jixiao` command. The CLI is TypeScript: it runs from the built server (dist/server,
// scripts/server-build.mjs) while that is newer than every source, else from the sources through
// tsx's loader — no build step to forget. `jixiao start` (npm start) builds it when missing or
// stale, as it does the web app: the built server starts without the loader's memory.
// JIXIAO_SOURCES=1 runs the sources whatever dist/server holds.
import { pathToFileURL } from 'node:url';
import { buildServer, SERVER_ENTRY, serverBuildReason } from '../scripts/server-build.mjs';

let reason = process.env.JIXIAO_SOURCES === '1' ? 'sources' : serverBuildReason();
if ((reason === 'missing' || reason === 'stale') && process.argv[2] === 'start') {
  process.stderr.write(`构建服务端（dist/server ${reason === 'missing' ? '不存在' : '早于源代码'}）…\n`);
  try {
    await buildServer();
    reason = null;
  } catch (error) {
    // The sources still run: a failed build costs memory, not the start.
    process.stderr.write(`服务端构建失败，改为直接运行源代码：${error instanceof Error ? error.message : String(error)}\n`);
  }
}
let main;
if (reason === null) {
  ({ main } = await import(pathToFileURL(SERVER_ENTRY).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/server/cli/main.ts'));
}
process.exitCode = await main(process.argv);
