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
	server: { port: 3000, strictPort: true }
});
