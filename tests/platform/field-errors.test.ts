/**
 * Bad input is answered with every problem at once, field by field, in the
 * reader's language: the API's `fields` and the forms' error summary come
 * from the same place (input.ts), so a person fixes everything in one go.
 */
import { describe, expect, it } from 'vitest';
import { useServer } from '../helpers/server';

const t = useServer();

describe('several field errors at once', () => {
	it('a join request with every field wrong names each field with its own message', async () => {
		const body = { email: 'not an address', password: 'short', displayName: '', postingCountry: 'XX', postingCity: '', relation: 'cousin', civilServantName: '', civilServantDepartment: '', languages: [], acceptGuidelines: false, guidelinesVersion: 1 };
		const res = await t.api('/api/join-requests', { method: 'POST', body, headers: { 'accept-language': 'en' } });
		expect(res.status).toBe(400);
		expect(res.body.error).toBe('invalid_input');
		const fields = res.body.fields as Record<string, string>;
		expect(Object.keys(fields)).toEqual(expect.arrayContaining(['email', 'password', 'displayName', 'postingCountry', 'postingCity', 'relation', 'civilServantName', 'civilServantDepartment', 'languages', 'acceptGuidelines']));
		// Translated, not message keys, and not all the same words.
		for (const message of Object.values(fields)) expect(message).not.toMatch(/^error_/);
		expect(new Set(Object.values(fields)).size).toBeGreaterThan(5);
		// The first problem still names the answer, as before.
		expect(fields[res.body.field]).toBe(res.body.message);
	});

	it('in Dutch for a Dutch reader', async () => {
		const res = await t.api('/api/join-requests', { method: 'POST', body: { email: 'x', languages: [] }, headers: { 'accept-language': 'nl' } });
		expect(res.status).toBe(400);
		const fields = res.body.fields as Record<string, string>;
		expect(Object.keys(fields).length).toBeGreaterThan(3);
		const english = await t.api('/api/join-requests', { method: 'POST', body: { email: 'x', languages: [] }, headers: { 'accept-language': 'en' } });
		expect(fields.email).not.toBe((english.body.fields as Record<string, string>).email);
	});
});
