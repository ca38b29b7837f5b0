import { formatDuration } from '../format';

/**
 * The one way the domain says no. Every transport maps `code` to its own
 * answer (HTTP status, form failure, socket ack), so the message a person
 * reads is written once, here or at the throw.
 */
export const ERROR_STATUS = {
	invalid_input: 400,
	unauthenticated: 401,
	forbidden: 403,
	not_found: 404,
	conflict: 409,
	rate_limited: 429
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export class DomainError extends Error {
	readonly code: ErrorCode;
	readonly status: number;
	/** For rate limits: seconds until trying again makes sense. */
	readonly retryAfter?: number;
	readonly field?: string;
	/** Bad input: every field's problem at once (field → message key), so a form can list them all. */
	readonly fields?: Record<string, string>;
	/** Values a field's message names (a setting's bounds), by field. */
	readonly fieldParams?: Record<string, Record<string, string | number>>;
	/** Values the message names (who handled an item, until when). */
	readonly params?: Record<string, string | number>;

	constructor(
		code: ErrorCode,
		message: string,
		extra: {
			retryAfter?: number;
			field?: string;
			fields?: Record<string, string>;
			fieldParams?: Record<string, Record<string, string | number>>;
			params?: Record<string, string | number>;
		} = {}
	) {
		super(message);
		this.name = 'DomainError';
		this.code = code;
		this.status = ERROR_STATUS[code];
		this.retryAfter = extra.retryAfter;
		this.field = extra.field;
		this.fields = extra.fields;
		this.fieldParams = extra.fieldParams;
		this.params = extra.params;
	}

	/** The message's inputs, for translate(); `wait` is the retry time in the reader's words ("15 minutes"). */
	get inputs(): Record<string, string | number | ((locale: string) => string)> {
		const seconds = this.retryAfter ?? 0;
		return { seconds, wait: (locale: string) => formatDuration(seconds, locale), ...this.params };
	}
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
