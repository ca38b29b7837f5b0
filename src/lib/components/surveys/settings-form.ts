import { localToUtc, utcToLocal } from '$lib/shared/zoned-time';
import type { Audience, Bilingual, Segment } from '$lib/shared/surveys';

/**
 * The survey's settings form (new and builder) as the pages' actions read it:
 * the fields as SurveySettingsInput takes them, the dates turned from the
 * owner's wall clock in their own zone into UTC, and every field as sent, to
 * show again after a refusal.
 */

export interface SettingsValues {
	titleNl: string;
	titleEn: string;
	introNl: string;
	introEn: string;
	/** '1' anonymous, '0' named. */
	anonymous: string;
	audience: string;
	regions: string[];
	/** Country codes as typed: "ID, BR". */
	countries: string;
	languages: string[];
	/** datetime-local values on the owner's clock. */
	opensAt: string;
	closesAt: string;
}

export const EMPTY_SETTINGS: SettingsValues = {
	titleNl: '',
	titleEn: '',
	introNl: '',
	introEn: '',
	anonymous: '1',
	audience: 'members',
	regions: [],
	countries: '',
	languages: [],
	opensAt: '',
	closesAt: ''
};

const text = (data: FormData, name: string): string => {
	const v = data.get(name);
	return typeof v === 'string' ? v : '';
};
const all = (data: FormData, name: string): string[] => data.getAll(name).filter((v): v is string => typeof v === 'string' && v !== '');

/** A wall-clock time in `zone` as an ISO instant; what cannot be read goes through as typed, for the schema to name. */
function instant(local: string, zone: string): string {
	if (!local.trim()) return '';
	return localToUtc(local.trim(), zone)?.toISOString() ?? local;
}

export function readSettingsForm(data: FormData, zone: string): { input: Record<string, unknown>; values: SettingsValues } {
	const values: SettingsValues = {
		titleNl: text(data, 'titleNl'),
		titleEn: text(data, 'titleEn'),
		introNl: text(data, 'introNl'),
		introEn: text(data, 'introEn'),
		anonymous: text(data, 'anonymous') === '0' ? '0' : '1',
		audience: text(data, 'audience'),
		regions: all(data, 'regions'),
		countries: text(data, 'countries'),
		languages: all(data, 'languages'),
		opensAt: text(data, 'opensAt'),
		closesAt: text(data, 'closesAt')
	};
	const segment = values.audience === 'segment';
	return {
		values,
		input: {
			titleNl: values.titleNl,
			titleEn: values.titleEn,
			introNl: values.introNl,
			introEn: values.introEn,
			anonymous: values.anonymous === '1',
			audience: values.audience || undefined,
			// A segment's lists count only for a segment: a region ticked before choosing "all members" narrows nothing.
			regions: segment ? values.regions : [],
			countries: segment ? values.countries.split(/[\s,;]+/).filter(Boolean) : [],
			languages: segment ? values.languages : [],
			opensAt: instant(values.opensAt, zone),
			closesAt: instant(values.closesAt, zone)
		}
	};
}

/** The stored settings as the form shows them, dates on the owner's clock. */
export function settingsValues(
	s: { title: Bilingual; intro: Bilingual; anonymous: boolean; audience: Audience; segment: Segment; opensAt: Date | null; closesAt: Date | null },
	zone: string
): SettingsValues {
	return {
		titleNl: s.title.nl,
		titleEn: s.title.en,
		introNl: s.intro.nl,
		introEn: s.intro.en,
		anonymous: s.anonymous ? '1' : '0',
		audience: s.audience,
		regions: s.segment.regions,
		countries: s.segment.countries.join(', '),
		languages: s.segment.languages,
		opensAt: s.opensAt ? utcToLocal(s.opensAt, zone) : '',
		closesAt: s.closesAt ? utcToLocal(s.closesAt, zone) : ''
	};
}
