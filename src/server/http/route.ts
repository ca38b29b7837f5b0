import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z, type ZodType } from 'zod';
import type { Actor } from '../../lib/server/auth/actor';
import { can, type Capability, type Language } from '../../lib/shared/roles';
import { DomainError } from '../../lib/server/errors';
import { invalidInput } from '../../lib/server/input';
import { actorOf } from './actor';
import { localeOf } from './locale';

/**
 * Who may call a route, as documented and as checked before any input is
 * read. The domain function checks again; this only keeps the answers of the
 * authorization matrix in a predictable order (401/403 before 400).
 */
export type Access = 'public' | 'session' | 'active' | Capability;

export interface RouteContext<B, P, Q> {
	actor: Actor;
	body: B;
	params: P;
	query: Q;
	locale: Language;
	request: FastifyRequest;
	reply: FastifyReply;
}

export interface RouteSpec<B = unknown, P = unknown, Q = unknown> {
	method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
	url: string;
	summary: string;
	tags: string[];
	access: Access;
	body?: ZodType<B>;
	params?: ZodType<P>;
	query?: ZodType<Q>;
	/** Documented answer; the handler's return value is sent as JSON. */
	response?: ZodType;
	/** Status of a successful answer (default 200; 204 sends no body). */
	status?: number;
	handler: (ctx: RouteContext<B, P, Q>) => Promise<unknown>;
}

export const defineRoute = <B = undefined, P = undefined, Q = undefined>(spec: RouteSpec<B, P, Q>): RouteSpec =>
	spec as unknown as RouteSpec;

function parse<T>(schema: ZodType<T> | undefined, value: unknown, where: string): T {
	if (!schema) return undefined as T;
	const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
	if (result.success) return result.data;
	throw invalidInput(result.error, where);
}

export function registerRoutes(app: FastifyInstance, routes: readonly RouteSpec[], secure: boolean): void {
	for (const spec of routes) {
		app.route({
			method: spec.method,
			url: spec.url,
			handler: async (request, reply) => {
				const actor = await actorOf(request, secure);
				request.actor = actor;
				if (spec.access !== 'public') {
					if (actor.kind !== 'user') throw new DomainError('unauthenticated', 'error_unauthenticated');
					if (spec.access === 'active' && actor.user.status !== 'active')
						throw new DomainError('forbidden', 'error_forbidden');
					if (spec.access !== 'session' && spec.access !== 'active' && !can(actor.user, spec.access))
						throw new DomainError('forbidden', 'error_forbidden');
				}
				const ctx: RouteContext<unknown, unknown, unknown> = {
					actor,
					params: parse(spec.params, request.params, 'params'),
					query: parse(spec.query, request.query, 'query'),
					body: parse(spec.body, request.body, 'body'),
					locale: localeOf(request, actor),
					request,
					reply
				};
				const result = await spec.handler(ctx);
				if (spec.status) reply.code(spec.status);
				if (spec.status === 204) return reply.send();
				return result;
			}
		});
	}
}

declare module 'fastify' {
	interface FastifyRequest {
		actor?: Actor;
	}
}

const ErrorBody = z.object({ error: z.string(), message: z.string(), field: z.string().optional() });

/** The OpenAPI document, generated from the same schemas that validate requests. */
export function openApiDocument(routes: readonly RouteSpec[], origin: string) {
	const paths: Record<string, Record<string, unknown>> = {};
	const json = (schema: ZodType) => z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' });
	for (const r of routes) {
		const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
		const parameters: unknown[] = [];
		for (const [where, schema] of [
			['path', r.params],
			['query', r.query]
		] as const) {
			if (!schema) continue;
			const s = json(schema) as { properties?: Record<string, unknown>; required?: string[] };
			for (const [name, prop] of Object.entries(s.properties ?? {}))
				parameters.push({ name, in: where, required: where === 'path' || (s.required ?? []).includes(name), schema: prop });
		}
		const responses: Record<string, unknown> = {
			[String(r.status ?? 200)]: r.status === 204 ? { description: 'Done' } : { description: 'OK', content: r.response ? { 'application/json': { schema: json(r.response) } } : undefined },
			'400': { description: 'Invalid input', content: { 'application/json': { schema: json(ErrorBody) } } }
		};
		if (r.access !== 'public') {
			responses['401'] = { description: 'Not signed in' };
			responses['403'] = { description: 'Not allowed' };
		}
		(paths[path] ??= {})[r.method.toLowerCase()] = {
			summary: r.summary,
			tags: r.tags,
			'x-access': r.access,
			parameters: parameters.length ? parameters : undefined,
			requestBody: r.body ? { required: true, content: { 'application/json': { schema: json(r.body) } } } : undefined,
			responses
		};
	}
	return {
		openapi: '3.0.3',
		info: { title: 'Partner community API', version: '1.0.0', description: 'JSON API of the partner community platform. Every route answers errors as {error, message}.' },
		servers: [{ url: origin }],
		components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'session' } } },
		security: [{ session: [] }],
		paths
	};
}
