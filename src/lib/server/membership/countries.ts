import type { Language } from '../../shared/roles';
import { REGIONS, type Region } from '../../shared/membership';

/**
 * Where partners live: ISO 3166-1 alpha-2 codes (plus XK, Kosovo, which has
 * embassies but no official code yet), each in one region for the directory's
 * region filter. Names are never stored: Intl.DisplayNames gives them in the
 * reader's language. Uninhabited territories (Antarctica, Bouvet Island, …)
 * are left out; nobody is posted there.
 */

const BY_REGION: Record<Region, string> = {
	europe:
		'AD AL AM AT AX AZ BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GE GG GI GR HR HU IE IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM TR UA VA XK',
	africa:
		'AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EH ER ET GA GH GM GN GQ GW KE KM LR LS LY MA MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG YT ZA ZM ZW',
	middle_east: 'AE BH EG IL IQ IR JO KW LB OM PS QA SA SY YE',
	asia: 'AF BD BN BT CN HK ID IN JP KG KH KP KR KZ LA LK MM MN MO MV MY NP PH PK SG TH TJ TL TM TW UZ VN',
	americas:
		'AG AI AR AW BB BL BM BO BQ BR BS BZ CA CL CO CR CU CW DM DO EC FK GD GF GL GP GT GY HN HT JM KN KY LC MF MQ MS MX NI PA PE PM PR PY SR SV SX TC TT US UY VC VE VG VI',
	oceania: 'AS AU CC CK CX FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV VU WF WS'
};

export const REGION_OF: ReadonlyMap<string, Region> = new Map(
	REGIONS.flatMap((region) => BY_REGION[region].split(' ').map((code) => [code, region] as const))
);

export const COUNTRY_CODES: readonly string[] = [...REGION_OF.keys()].sort();

export const isCountryCode = (code: string): boolean => REGION_OF.has(code);
export const regionOf = (code: string | null | undefined): Region | null => (code ? (REGION_OF.get(code) ?? null) : null);

/**
 * Languages people say they speak: the group's own two, those of the places
 * partners are posted, and Papiamento and Frisian from home. ISO 639 codes.
 */
export const SPOKEN_LANGUAGES = [
	'nl', 'en', 'fr', 'de', 'es', 'pt', 'it', 'pap', 'fy', 'ar', 'tr', 'fa', 'he', 'ru', 'uk', 'pl', 'ro', 'el', 'sv', 'da',
	'no', 'fi', 'hu', 'cs', 'zh', 'ja', 'ko', 'hi', 'ur', 'bn', 'id', 'ms', 'th', 'vi', 'tl', 'sw', 'am', 'so', 'ha', 'yo'
] as const;
export type SpokenLanguage = (typeof SPOKEN_LANGUAGES)[number];
const SPOKEN = new Set<string>(SPOKEN_LANGUAGES);
export const isSpokenLanguage = (code: string): code is SpokenLanguage => SPOKEN.has(code);

const intlLocale = (locale: Language) => (locale === 'nl' ? 'nl-NL' : 'en-GB');
const names = new Map<string, Intl.DisplayNames>();
function displayNames(locale: Language, type: 'region' | 'language'): Intl.DisplayNames {
	const key = `${locale}:${type}`;
	let d = names.get(key);
	if (!d) names.set(key, (d = new Intl.DisplayNames([intlLocale(locale)], { type, fallback: 'code' })));
	return d;
}

export const countryName = (code: string, locale: Language): string => displayNames(locale, 'region').of(code) ?? code;
export const languageName = (code: string, locale: Language): string => {
	const name = displayNames(locale, 'language').of(code) ?? code;
	return name.charAt(0).toLocaleUpperCase(intlLocale(locale)) + name.slice(1);
};

export interface Option {
	value: string;
	label: string;
}

const sortByLabel = (locale: Language) => (a: Option, b: Option) => a.label.localeCompare(b.label, intlLocale(locale));

/** Every country, named and sorted in the reader's language, for a select. */
export function countryOptions(locale: Language): Option[] {
	return COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code, locale) })).sort(sortByLabel(locale));
}

/** Dutch and English first (the group's languages), then the rest alphabetically. */
export function languageOptions(locale: Language): Option[] {
	const option = (code: string): Option => ({ value: code, label: languageName(code, locale) });
	return [...SPOKEN_LANGUAGES.slice(0, 2).map(option), ...SPOKEN_LANGUAGES.slice(2).map(option).sort(sortByLabel(locale))];
}
