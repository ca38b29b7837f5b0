import { expect } from 'vitest';
import type { TestServer } from './server';

/** Survey factories, through the API as an owner (a coordinator or policy officer) builds one. */

export const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

export interface NewSurvey {
	title?: string;
	anonymous?: boolean;
	audience?: 'members' | 'board' | 'segment';
	regions?: string[];
	countries?: string[];
	languages?: string[];
	opensAt?: string;
	closesAt?: string;
}

/** The questions most tests ask: one of each kind, the last shown only to those who work. */
export const STANDARD_QUESTIONS = [
	{ kind: 'single', textNl: 'Werk je op je huidige post?', textEn: 'Do you work at your current posting?', required: true, options: 'Ja, in loondienst | Yes, employed\nJa, eigen bedrijf | Yes, my own business\nNee | No' },
	{ kind: 'multiple', textNl: 'Waar haal je informatie vandaan?', textEn: 'Where do you get information?', options: 'Het ministerie | The ministry\nAndere partners | Other partners', allowOther: true },
	{ kind: 'likert', textNl: 'De informatie voor vertrek was goed.', textEn: 'The information before departure was good.', scaleLabels: 'Helemaal oneens | Strongly disagree\nOneens | Disagree\nNeutraal | Neutral\nEens | Agree\nHelemaal eens | Strongly agree' },
	{ kind: 'scale', textNl: 'Hoe waarschijnlijk raad je de groep aan?', textEn: 'How likely are you to recommend the group?' },
	{ kind: 'short_text', textNl: 'In welk land woon je?', textEn: 'Which country do you live in?' },
	{ kind: 'long_text', textNl: 'Wat zou je werk makkelijker maken?', textEn: 'What would make working easier?', conditionQuestion: 'q1', conditionOption: 'o1' }
] as const;

export async function createSurvey(t: TestServer, cookie: string, input: NewSurvey = {}): Promise<number> {
	const res = await t.api('/api/surveys', {
		method: 'POST',
		cookie,
		body: {
			titleNl: input.title ?? 'Werk en loopbaan in het buitenland',
			titleEn: input.title ?? 'Work and career abroad',
			introNl: 'Vijf minuten over je werk op de post.',
			introEn: 'Five minutes about your work at the posting.',
			anonymous: input.anonymous ?? true,
			audience: input.audience ?? 'members',
			regions: input.regions ?? [],
			countries: input.countries ?? [],
			languages: input.languages ?? [],
			opensAt: input.opensAt ?? hoursFromNow(-1),
			closesAt: input.closesAt ?? hoursFromNow(48)
		}
	});
	expect(res.status, JSON.stringify(res.body)).toBe(201);
	return res.body.id;
}

export async function addQuestions(t: TestServer, cookie: string, id: number, questions: readonly Record<string, unknown>[] = STANDARD_QUESTIONS): Promise<void> {
	for (const q of questions) {
		const res = await t.api(`/api/surveys/${id}/questions`, { method: 'POST', cookie, body: { section: 's1', ...q } });
		expect(res.status, JSON.stringify(res.body)).toBe(201);
	}
}

/** A survey with the standard questions, open now (scheduled, opened an hour ago). */
export async function openSurvey(t: TestServer, cookie: string, input: NewSurvey = {}): Promise<number> {
	const id = await createSurvey(t, cookie, input);
	await addQuestions(t, cookie, id);
	const res = await t.api(`/api/surveys/${id}/schedule`, { method: 'POST', cookie });
	expect(res.status, JSON.stringify(res.body)).toBe(200);
	return id;
}

/** A valid response to the standard questions. */
export const standardAnswer = (overrides: Record<string, unknown> = {}) => ({
	answers: { q1: 'o1', q2: ['o1', 'other'], q3: '4', q4: 9, q5: 'Indonesia', q6: 'A work permit that takes weeks, not months.', ...overrides },
	other: { q2: 'The embassy newsletter' }
});

export const answer = (t: TestServer, cookie: string, id: number, body: Record<string, unknown> = standardAnswer()) =>
	t.api(`/api/surveys/${id}/responses`, { method: 'POST', cookie, body });
