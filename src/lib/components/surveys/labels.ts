import { m } from '$lib/paraglide/messages';
import type { Audience, QuestionKind, SurveyPhase } from '$lib/shared/surveys';

/** Words for a survey's values, as explicit tables (labels.ts says why: no message looked up by a computed name). */

export const phaseLabel = (p: SurveyPhase): string =>
	({ draft: m.surveys_phase_draft, upcoming: m.surveys_phase_upcoming, open: m.surveys_phase_open, closed: m.surveys_phase_closed })[p]();

export const kindLabel = (k: QuestionKind): string =>
	({
		single: m.surveys_kind_single,
		multiple: m.surveys_kind_multiple,
		likert: m.surveys_kind_likert,
		scale: m.surveys_kind_scale,
		short_text: m.surveys_kind_short_text,
		long_text: m.surveys_kind_long_text
	})[k]();

export const audienceLabel = (a: Audience): string => ({ members: m.surveys_audience_members, board: m.surveys_audience_board, segment: m.surveys_audience_segment })[a]();

export const languageLabel = (l: string): string => ({ nl: m.surveys_language_nl, en: m.surveys_language_en })[l as 'nl' | 'en']?.() ?? l;
