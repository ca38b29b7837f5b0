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

export default defineConfig({
	plugins: [sveltekit(), platformServer()],
	server: { port: 3000, strictPort: true },
	build: {
		// Two shared chunks instead of dozens of small ones, so a page is a handful of requests: `vendor` (Svelte,
		// SvelteKit's client, socket.io-client; changes with upgrades) and `app` (our modules used by two pages or more).
		rolldownOptions: {
			output: {
				codeSplitting: {
					groups: [{ name: 'vendor', test: /node_modules/, priority: 2 }, { name: 'app', test: /src[\\/]lib[\\/]/, priority: 1, minShareCount: 2 }]
				}
			}
		}
	}
});
