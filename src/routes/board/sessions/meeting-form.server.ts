import { DomainError, isDomainError } from '$lib/server/errors';
import type { MeetingForm } from '$lib/components/meetings/meeting-form';

/**
 * Runs the domain's save with the session form's input, and puts a refusal's
 * problems on the form's own fields: an agenda item's on its row, a guest's
 * on the addresses (naming the ones that belong to no active person).
 */
export async function onMeetingForm<T>(form: MeetingForm, work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (e) {
		if (!isDomainError(e) || !e.fields) throw e;
		const fields: Record<string, string> = {};
		const unknown: string[] = [];
		for (const [field, key] of Object.entries(e.fields)) {
			const entry = form.entryOf(field);
			if (entry && key === 'error_meeting_guest_unknown') unknown.push(entry);
			else fields[form.fieldOf(field)] ??= key;
		}
		const fieldParams: Record<string, Record<string, string>> = {};
		if (unknown.length) {
			fields.guestEmails = 'error_meeting_guests_unknown';
			fieldParams.guestEmails = { addresses: unknown.join(', ') };
		}
		const first = Object.keys(fields)[0];
		throw new DomainError(e.code, first ? fields[first]! : e.message, { field: first, fields, fieldParams, params: first ? fieldParams[first] : undefined });
	}
}
