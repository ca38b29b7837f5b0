/**
 * What an error may tell the log. A failed query arrives with the values it
 * was sent (drizzle puts them in its message and in `params`; PGlite and
 * postgres.js attach them too), and those values are people's posts, names and
 * addresses. The log gets the statement, the SQLSTATE and where it failed,
 * never a parameter, a row (`detail`) or a quoted value from the database's
 * message. One serializer, used by the Fastify logger (`err`) and by
 * console.error (installConsoleRedaction), so no path logs an error whole.
 */

const SQLSTATE = /^[0-9A-Z]{5}$/;
/** Properties of database errors that name a place, never a value. */
const PLACE = ['severity', 'routine', 'schema', 'table', 'column', 'constraint', 'constraint_name', 'table_name', 'column_name', 'position'] as const;
const MAX_DEPTH = 5;

type Obj = Record<string, unknown>;
export type SerializedError = { type: string; message: string; stack: string; [key: string]: unknown };

const isErrorLike = (e: unknown): e is Error & Obj =>
	e instanceof Error || (typeof e === 'object' && e !== null && typeof (e as Obj).message === 'string' && typeof (e as Obj).stack === 'string');

const carriesValues = (e: Obj): boolean => 'params' in e || 'parameters' in e || (typeof e.code === 'string' && SQLSTATE.test(e.code));

/** The database's own message with every quoted part blanked: `invalid input syntax for type integer: "…"`. */
const withoutQuoted = (message: string): string => message.replace(/"(?:[^"]|"")*"/g, '"…"').replace(/'(?:[^']|'')*'/g, "'…'");

function safeMessage(e: Obj): string {
	const message = String(e.message ?? '');
	// drizzle: "Failed query: <statement>\nparams: <values>"; the statement is logged on its own.
	if (typeof e.query === 'string' && message.startsWith('Failed query')) return 'Failed query';
	if (carriesValues(e)) return withoutQuoted(message.split('\nparams:')[0]!);
	return message;
}

export function serializeError(err: unknown, depth = 0): SerializedError {
	if (!isErrorLike(err)) return { type: typeof err, message: typeof err === 'string' ? err : 'non-error thrown', stack: '' };
	const e = err as Obj;
	const type = typeof e.name === 'string' && e.name !== 'Error' ? e.name : (err.constructor?.name ?? 'Error');
	const message = safeMessage(e);
	const out: SerializedError = { type, message, stack: '' };
	if (typeof e.code === 'string' || typeof e.code === 'number') out.code = e.code;
	if (typeof e.statusCode === 'number') out.statusCode = e.statusCode;
	if (typeof e.query === 'string') out.statement = e.query;
	for (const key of PLACE) if (typeof e[key] === 'string' || typeof e[key] === 'number') out[key] = e[key];
	// The stack's first line repeats the message (with drizzle's values); only the frames are kept.
	if (typeof e.stack === 'string') {
		const frames = e.stack.split('\n').filter((line) => /^\s+at /.test(line));
		out.stack = [`${type}: ${message}`, ...frames].join('\n');
	}
	if (e.cause !== undefined && depth < MAX_DEPTH) out.cause = serializeError(e.cause, depth + 1);
	return out;
}

const INSTALLED = Symbol.for('partner-community.console-redaction');

/**
 * Routes the errors handed to console.error and console.warn (domain code,
 * SvelteKit's default error hook) through serializeError, once per process.
 */
export function installConsoleRedaction(target: Pick<Console, 'error' | 'warn'> = console): void {
	const marked = target as typeof target & { [INSTALLED]?: boolean };
	if (marked[INSTALLED]) return;
	marked[INSTALLED] = true;
	for (const method of ['error', 'warn'] as const) {
		const original = target[method].bind(target);
		target[method] = (...args: unknown[]) => original(...args.map((a) => (isErrorLike(a) ? JSON.stringify(serializeError(a)) : a)));
	}
}
