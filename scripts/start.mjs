// `npm start`: build when there is no build or the sources are newer, then run the server.
import path from 'node:path';
import { buildIfStale } from './build-if-stale.mjs';

const root = path.resolve(import.meta.dirname, '..');
const status = buildIfStale();
if (status !== 0) process.exit(status);

// Run the server in this process, so signals (SIGTERM from a supervisor) reach its shutdown handler.
process.env.NODE_ENV ??= 'production';
const { register } = await import('tsx/esm/api');
register();
await import(path.join(root, 'src/server/main.ts'));
