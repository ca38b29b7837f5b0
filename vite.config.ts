import { readdirSync, readFileSync } from 'node:fs';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * `npm run dev`: the same API and Socket.IO as production, attached to Vite's
 * own server, so live features work while developing.
 */
function platformServer(): Plugin {
	return {
		name: 'partner-community-server',
		apply: 'serve',
		async configureServer(server) {
			if (!server.httpServer) return;
			// Loaded through tsx, not bundled into this config, so the server code stays one module graph of its own.
			const { tsImport } = await import('tsx/esm/api');
			const dev = (await tsImport('./src/server/dev.ts', import.meta.url)) as typeof import('./src/server/dev');
			await dev.attachToVite(server);
		}
	};
}

/** Each message's folder under messages/ (its capability), by key: paraglide compiles one module per message. */
const messageFolder = new Map<string, string>();
for (const folder of readdirSync('messages', { withFileTypes: true }).filter((d) => d.isDirectory()))
	for (const key of Object.keys(JSON.parse(readFileSync(`messages/${folder.name}/en.json`, 'utf8')) as object)) messageFolder.set(key, folder.name);

/**
 * The shared chunk a module of ours goes in: the board's and the sessions' code and words in chunks of their
 * own, so a page of the group (where most people are) does not load them; the rest in `app`.
 */
function sharedChunkOf(id: string): string {
	const message = /paraglide[\\/]messages[\\/]([^\\/]+)\.js$/.exec(id);
	const where = message ? (messageFolder.get(message[1]!) ?? '') : id.replace(/^.*[\\/]src[\\/]lib[\\/]/, '');
	if (/meetings|zoned-time/.test(where)) return 'meetings';
	if (/board|charts/.test(where)) return 'board';
	return 'app';
}

export default defineConfig({
	plugins: [sveltekit(), platformServer()],
	server: { port: 3000, strictPort: true },
	build: {
		// A few shared chunks instead of dozens of small ones, so a page is a handful of requests: `vendor` (Svelte,
		// SvelteKit's client, socket.io-client; changes with upgrades) and our modules used by two pages or more, by
		// capability (sharedChunkOf).
		rolldownOptions: {
			output: {
				codeSplitting: {
					groups: [{ name: 'vendor', test: /node_modules/, priority: 2 }, { name: sharedChunkOf, test: /src[\\/]lib[\\/]/, priority: 1, minShareCount: 2 }]
				}
			}
		}
	}
});
