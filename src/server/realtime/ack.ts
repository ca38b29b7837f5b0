import { isDomainError } from '../../lib/server/errors';
import { translate } from '../../lib/i18n/translate';
import type { Ack } from '../../lib/shared/events';
import type { AppSocket } from './types';

/** Answers a client event's acknowledgement, if the client asked for one. */
export function answer(ack: unknown, result: Ack): void {
	if (typeof ack === 'function') ack(result);
}

/** Answers with a refusal in the person's language: a DomainError as it says, anything else as an internal error (logged). */
export function refuse(socket: AppSocket, ack: unknown, err: unknown): void {
	const { language } = socket.data.actor.user;
	if (isDomainError(err)) answer(ack, { ok: false, error: err.code, message: translate(err.message, language, err.inputs) });
	else {
		console.error(err);
		answer(ack, { ok: false, error: 'internal', message: translate('error_internal', language) });
	}
}
