import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// precompress: .br and .gz beside every static asset, served as they are (no compression per request).
		adapter: adapter({ out: 'build', precompress: true }),
		// One script and one stylesheet for the whole app instead of a chunk per module: a page on a slow link
		// pays round trips, not bytes (the app's JavaScript is small), and after the first page it is cached.
		output: { bundleStrategy: 'single' },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'base-uri': ['self'],
				'object-src': ['none'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
