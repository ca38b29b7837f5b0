import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import zlib from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import compression from 'compression';
import type { Runtime } from '../lib/server/runtime';
import { isSameOrigin } from '../lib/server/auth/cookie';
import { DomainError, isDomainError } from '../lib/server/errors';
import { translate } from '../lib/i18n/translate';
import { serializeError } from '../lib/server/log';
import { moderationRoutes } from './api/moderation';
import { defineRoute, openApiDocument, registerRoutes, type RouteSpec } from './http/route';
import { localeOf } from './http/locale';
import { CLIENT_ADDRESS_HEADER, trustProxyOption } from './http/actor';
import { securityHeaders } from './http/security-headers';
import { authRoutes } from './api/auth';
import { meRoutes } from './api/me';
import { adminRoutes } from './api/admin';
import { healthRoutes } from './api/health';
import { membershipRoutes } from './api/membership';
import { discussionRoutes } from './api/discussion';
import { surveyRoutes } from './api/surveys';
import { insightRoutes } from './api/insights';
import { figuresRoutes } from './api/insights-figures';
import { boardRoutes } from './api/board';

/**
 * Brotli for what is made per request (pages, JSON): quality 4, cheap enough to pay on every answer, and a
 * window of 256 KB (2^18) instead of brotli's default 4 MB. A page or a JSON answer is smaller than that, so
 * it compresses just as well, and the encoder costs about a tenth less CPU (a 120 KB thread page: 1.16 →
 * 1.04 ms). Static assets are compressed once, at the highest quality, at build time (adapter-node's precompress).
 */
const DYNAMIC_BROTLI = {
	params: {
		[zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
		[zlib.constants.BROTLI_PARAM_QUALITY]: 4,
		[zlib.constants.BROTLI_PARAM_LGWIN]: 18
	}
};

export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

export interface AppOptions {
	runtime: Runtime;
	/** adapter-node's handler; absent in API-only tests and in dev (Vite serves pages). */
	svelteHandler?: NodeHandler;
	logger?: FastifyServerOptions['logger'];
	/** Where the default logger writes (tests read it back); stdout when not given. */
	logStream?: { write(line: string): void };
}

/** Every API route, in one list: registered, documented and checked by the authorization matrix. */
export function apiRoutes(secure: boolean, origin: string): RouteSpec[] {
	const routes = [...healthRoutes(), ...authRoutes(secure), ...meRoutes(secure), ...adminRoutes(), ...membershipRoutes(secure), ...discussionRoutes(), ...moderationRoutes(), ...boardRoutes(), ...surveyRoutes(), ...insightRoutes(), ...figuresRoutes()];
	routes.push(
		defineRoute({
			method: 'GET',
			url: '/api/openapi.json',
			summary: 'This document: every route, generated from the schemas that validate it',
			tags: ['operations'],
			access: 'public',
			handler: async () => openApiDocument(routes, origin)
		})
	);
	return routes;
}

/** Invitation links are secrets: their tokens never reach the request log. */
export const redactUrl = (url: string): string =>
	url.replace(/\/invite\/[^/?#]+/g, '/invite/[token]').replace(/\/calendar\/[^/?#]+\.ics/g, '/calendar/[token].ics');

const requestForLog = (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip });

export async function buildApp({ runtime, svelteHandler, logger, logStream }: AppOptions): Promise<FastifyInstance> {
	const { config } = runtime;
	const secure = config.origin.startsWith('https:');
	const app = Fastify({
		logger: logger ?? { level: config.logLevel, serializers: { req: requestForLog, err: serializeError }, ...(logStream ? { stream: logStream } : {}) },
		genReqId: (req) => {
			const given = req.headers['x-request-id'];
			return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
		},
		trustProxy: trustProxyOption(config.trustProxy),
		bodyLimit: 256 * 1024,
		return503OnClosing: true
	});

	const headers = securityHeaders(config);
	app.addHook('onRequest', async (request, reply) => {
		const raw = reply.raw;
		// Set on the raw response so pages handed to SvelteKit get them too.
		raw.setHeader('x-request-id', request.id);
		for (const [name, value] of Object.entries(headers)) raw.setHeader(name, value);
		if (request.url.startsWith('/api/')) {
			raw.setHeader('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
			raw.setHeader('cache-control', 'no-store');
			const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
			const site = request.headers['sec-fetch-site'];
			if (unsafe && !isSameOrigin(request.headers.origin, config.origin, typeof site === 'string' ? site : undefined))
				throw new DomainError('forbidden', 'error_foreign_origin');
		}
	});

	app.setErrorHandler((error, request, reply) => {
		const locale = localeOf(request, request.actor);
		if (isDomainError(error)) {
			if (error.retryAfter) reply.header('retry-after', String(error.retryAfter));
			return reply.code(error.status).send({
				error: error.code,
				message: translate(error.message, locale, error.inputs),
				...(error.field ? { field: error.field } : {}),
				...(error.fields ? { fields: Object.fromEntries(Object.entries(error.fields).map(([f, key]) => [f, translate(key, locale, error.fieldParams?.[f])])) } : {}),
				...(error.retryAfter ? { retryAfter: error.retryAfter } : {})
			});
		}
		const status = (error as { statusCode?: number }).statusCode ?? 500;
		if (status >= 400 && status < 500) {
			// Fastify's own refusals: malformed JSON, wrong content type, too large.
			const code = (error as { code?: string }).code;
			const key =
				code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
					? 'error_media_type'
					: code === 'FST_ERR_CTP_BODY_TOO_LARGE'
						? 'error_too_large'
						: 'error_malformed_request';
			return reply.code(status).send({ error: 'bad_request', message: translate(key, locale) });
		}
		request.log.error({ err: error }, 'unhandled error');
		return reply.code(500).send({ error: 'internal', message: translate('error_internal', locale), requestId: request.id });
	});

	// Every text answer of the API goes out brotli- or gzip-compressed when the client accepts it (JSON
	// compresses about tenfold: a phone on a slow link waits for bytes, not for the server). Socket.IO never
	// reaches Fastify (engine.io answers /socket.io/ first), so its transport is left as it is.
	await app.register(fastifyCompress, { global: true, encodings: ['br', 'gzip'], brotliOptions: DYNAMIC_BROTLI });

	registerRoutes(app, apiRoutes(secure, config.origin), secure);
	app.all('/api/*', async () => {
		throw new DomainError('not_found', 'error_no_such_route');
	});
	app.setNotFoundHandler((request, reply) => {
		reply.code(404).send({ error: 'not_found', message: translate('error_no_such_route', localeOf(request)) });
	});

	if (svelteHandler) {
		const handler = svelteHandler;
		// Hijacked replies bypass Fastify's onSend, so the compression above never sees the pages: this wraps
		// the raw response instead. Static files built with adapter-node's `precompress` already carry their
		// content-encoding (served from .br/.gz) and pass through untouched.
		// Typed for Express, it needs only Node's own request and response.
		const compressPage = compression({ threshold: 1024, brotli: DYNAMIC_BROTLI }) as unknown as NodeHandler;
		await app.register(async (pages) => {
			// SvelteKit reads the raw body itself (form actions), so nothing here may consume it.
			pages.removeAllContentTypeParsers();
			pages.addContentTypeParser('*', (_req, _payload, done) => done(null));
			pages.all('/*', (request, reply) => {
				reply.hijack();
				// Pages see the client Fastify settled on (TRUST_PROXY), never a header the client wrote.
				request.raw.headers[CLIENT_ADDRESS_HEADER] = request.ip;
				compressPage(request.raw, reply.raw, () =>
					handler(request.raw, reply.raw, () => {
						reply.raw.statusCode = 404;
						reply.raw.end('Not found');
					})
				);
			});
		});
	}
	return app;
}
