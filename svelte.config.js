import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// precompress: .br and .gz beside every static asset, served as they are (no compression per request).
		adapter: adapter({ out: 'build', precompress: true }),
		// A script per page plus two shared chunks (vite.config.ts): one bundle for the whole app grew with every
		// capability (178 KB compressed before the board sessions); split, a page loads what it uses, in under 10 requests.
		output: { bundleStrategy: 'split' },
		// A stylesheet under 2 KB (a shared chunk's or a page's few rules) is written into the page: on a slow
		// link abroad each request costs a round trip, which is more than the bytes.
		inlineStyleThreshold: 2048,
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
