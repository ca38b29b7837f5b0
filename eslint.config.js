import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import svelteConfig from './svelte.config.js';

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// Links here are plain same-site paths; resolve() adds nothing without a base path.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	...floors(),
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'src/lib/paraglide/', 'data/', 'drizzle/', 'test-results/', 'playwright-report/'] }
);

/**
 * The floors (README, "Architecture"), enforced: `npm run check` fails on a breach.
 *
 * - Nothing under src/lib/server but kit.ts (the SvelteKit glue) imports SvelteKit, Fastify or Socket.IO:
 *   the domain does not know which door a request came through.
 * - Browser code (src/lib/shared, components, realtime, pages) imports no server module, not even a type:
 *   shapes they share with the server live in src/lib/shared.
 * - The kernel (audit, auth, db, email, events, jobs, notifications and the files at the root of
 *   src/lib/server) imports no capability: every capability may lean on it, never the other way round.
 * - No import cycle at runtime between server modules (import-x/no-cycle; type-only imports do not count).
 */
function floors() {
	const CAPABILITIES = ['accounts', 'admin', 'discussion', 'membership', 'moderation', 'demo', 'board', 'meetings', 'surveys', 'insights'];
	const KERNEL = ['audit', 'auth', 'db', 'email', 'events', 'jobs', 'notifications', 'statistics'];
	const transports = [
		{ group: ['@sveltejs/kit', '@sveltejs/kit/*', '$app/*'], message: 'Only src/lib/server/kit.ts speaks SvelteKit; the domain takes plain arguments.' },
		{ group: ['fastify', 'fastify/*', '@fastify/*', 'socket.io', 'socket.io/*'], message: 'Transports live in src/server; the domain does not know them.' }
	];
	const serverCode = [{ group: ['$lib/server', '$lib/server/*', '**/lib/server/*', '**/server/*', '../server', './server/*'], message: 'Browser code imports shapes from $lib/shared, never server modules.' }];
	const capabilityImports = CAPABILITIES.map((c) => `**/${c}/*`);
	return [
		{
			files: ['src/lib/server/**/*.ts'],
			ignores: ['src/lib/server/kit.ts'],
			rules: { 'no-restricted-imports': ['error', { patterns: transports }] }
		},
		{
			files: ['src/lib/shared/**/*.ts', 'src/lib/components/**/*.{ts,svelte}', 'src/lib/realtime/**/*.ts', 'src/routes/**/*.svelte', 'src/lib/*.ts'],
			rules: { 'no-restricted-imports': ['error', { patterns: serverCode }] }
		},
		{
			files: [...KERNEL.map((k) => `src/lib/server/${k}/**/*.ts`), 'src/lib/server/*.ts'],
			ignores: ['src/lib/server/kit.ts'],
			rules: {
				'no-restricted-imports': [
					'error',
					{ patterns: [...transports, { group: capabilityImports, message: 'The kernel floor imports no capability (README, "Architecture").' }] }
				]
			}
		},
		{
			files: ['src/lib/server/**/*.ts', 'src/server/**/*.ts'],
			plugins: { 'import-x': importX },
			settings: {
				'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
				'import-x/extensions': ['.ts', '.js'],
				'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] }
			},
			rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] }
		}
	];
}
