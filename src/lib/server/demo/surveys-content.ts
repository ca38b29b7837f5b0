import type { SurveyDefinition, SurveyQuestion } from '../../shared/surveys';

/**
 * Demo surveys (seeded by surveys-seed.ts). The closed one follows the themes
 * of the ministry's 2013 partner survey (the seed document): work and career
 * abroad, the professional-development allowance, information from the
 * ministry, the online community, coming home. The open one asks the board
 * about its next session; board@example.org has not answered it yet.
 */

const b = (nl: string, en: string) => ({ nl, en });
const opts = (...pairs: [string, string][]) => pairs.map(([nl, en], i) => ({ key: `o${i + 1}`, label: b(nl, en) }));
const AGREE = [b('Helemaal oneens', 'Strongly disagree'), b('Oneens', 'Disagree'), b('Neutraal', 'Neutral'), b('Eens', 'Agree'), b('Helemaal eens', 'Strongly agree')];
const q = (key: string, kind: SurveyQuestion['kind'], nl: string, en: string, more: Partial<SurveyQuestion> = {}): SurveyQuestion => ({
	key,
	kind,
	text: b(nl, en),
	help: b('', ''),
	required: false,
	options: [],
	allowOther: false,
	scaleLabels: kind === 'likert' ? AGREE : [],
	condition: null,
	...more
});

export const PARTNER_SURVEY: { title: { nl: string; en: string }; intro: { nl: string; en: string }; definition: SurveyDefinition } = {
	title: b('Partners in het buitenland 2026', 'Partners abroad 2026'),
	intro: b(
		'Dertien jaar na de eerste enquête onder partners vragen we opnieuw hoe het met je gaat: met werk, met de tegemoetkoming, met informatie, met deze groep en met terugkeren. Invullen duurt ongeveer tien minuten.',
		'Thirteen years after the first survey of partners we ask again how things are going: with work, with the allowance, with information, with this group and with coming home. It takes about ten minutes.'
	),
	definition: {
		sections: [
			{
				key: 's1',
				title: b('Werk en loopbaan', 'Work and career'),
				questions: [
					q('q1', 'single', 'Heb je op je huidige post betaald werk?', 'Do you have paid work at your current posting?', {
						required: true,
						options: opts(
							['Ja, in loondienst ter plaatse', 'Yes, employed locally'],
							['Ja, als zelfstandige of met een eigen bedrijf', 'Yes, self-employed or my own business'],
							['Ja, op afstand voor een werkgever in Nederland', 'Yes, remotely for an employer in the Netherlands'],
							['Nee, maar dat zou ik wel willen', 'No, but I would like to'],
							['Nee, en dat is mijn eigen keuze', 'No, and that is my own choice']
						)
					}),
					q('q2', 'multiple', 'Wat staat betaald werk in de weg?', 'What stands in the way of paid work?', {
						options: opts(
							['Geen werkvergunning', 'No work permit'],
							['De taal', 'The language'],
							['Mijn diploma’s worden niet erkend', 'My qualifications are not recognised'],
							['De plaatsing is te kort', 'The posting is too short'],
							['Opvang voor de kinderen', 'Childcare']
						),
						allowOther: true,
						condition: { question: 'q1', option: 'o4' }
					}),
					q('q3', 'likert', 'Mijn loopbaan heeft eronder geleden dat ik mee ben gegaan.', 'My career has suffered from coming along.')
				]
			},
			{
				key: 's2',
				title: b('De tegemoetkoming professionele ontwikkeling', 'The professional-development allowance'),
				questions: [
					q('q4', 'single', 'Heb je de tegemoetkoming Professionele Ontwikkeling Partners gebruikt?', 'Have you used the Professional Development for Partners allowance?', {
						required: true,
						options: opts(
							['Ja', 'Yes'],
							['Nee, ik wist niet dat die bestond', 'No, I did not know it existed'],
							['Nee, ik had hem niet nodig', 'No, I did not need it'],
							['Nee, de aanvraag was me te ingewikkeld', 'No, applying was too complicated for me']
						)
					}),
					q('q5', 'likert', 'De aanvraag was duidelijk en snel afgehandeld.', 'The application was clear and quickly handled.', { condition: { question: 'q4', option: 'o1' } })
				]
			},
			{
				key: 's3',
				title: b('Informatie van het ministerie', 'Information from the ministry'),
				questions: [
					q('q6', 'likert', 'Voor vertrek kreeg ik de informatie die ik nodig had.', 'Before departure I got the information I needed.'),
					q('q7', 'multiple', 'Waar vind je informatie over je plaatsing?', 'Where do you find information about your posting?', {
						options: opts(
							['Bij mijn partner, de ambtenaar', 'From my partner, the civil servant'],
							['Rijksportaal en het Self Service Portal', 'Rijksportaal and the Self Service Portal'],
							['In deze groep', 'In this group'],
							['Bij andere partners op de post', 'From other partners at the posting'],
							['Bij de ambassade', 'At the embassy']
						)
					})
				]
			},
			{
				key: 's4',
				title: b('De online gemeenschap', 'The online community'),
				questions: [
					q('q8', 'scale', 'Hoe waarschijnlijk is het dat je deze groep aanraadt aan een nieuwe partner?', 'How likely are you to recommend this group to a new partner?'),
					q('q9', 'long_text', 'Wat zou de groep nog beter maken?', 'What would make the group even better?')
				]
			},
			{
				key: 's5',
				title: b('Terugkeren', 'Coming home'),
				questions: [
					q('q10', 'likert', 'Ik voel me goed voorbereid op de terugkeer naar Nederland.', 'I feel well prepared for the return to the Netherlands.'),
					q('q11', 'short_text', 'Welke ondersteuning mis je bij terugkeer?', 'What support do you miss when coming home?')
				]
			}
		]
	}
};

/** Free text, as partners write it, in the language they answered in. */
export const BETTER_GROUP = [
	'Een overzicht per land van wat er mag met een werkvergunning, bijgehouden door partners die er wonen.',
	'Meer draadjes over terugkeer: daar wordt pas over gepraat als het al te laat is.',
	'Regional meetups online, in a time zone that works for Asia for once.',
	'Een maatjessysteem voor nieuwe partners in hun eerste maanden op een post.',
	'A searchable list of schools that other families have actually used.',
	'Minder Nederlandstalige afkortingen, niet iedereen weet wat DBZV of SSP is.',
	'Vacatures die partners op hun post tegenkomen, op één plek.',
	'More stories from partners who built a business that moves with them.',
	'Een vaste vraag-en-antwoordsessie met iemand van het ministerie, één keer per kwartaal.'
];
export const MISSED_AT_HOME = [
	'Hulp bij het zoeken naar werk in Nederland',
	'Help finding a school mid-year',
	'Iemand die weet hoe de zorgverzekering weer ingaat',
	'Erkenning van werkervaring in het buitenland',
	'A contact person for the first weeks',
	'Uitleg over belastingen na jaren weg',
	'Netwerk in Den Haag voor partners die terugkomen'
];
export const OTHER_OBSTACLES = ['Het lokale arbeidsrecht voor buitenlanders', 'Veiligheidsregels van de post', 'Local employers do not hire for two years'];

export const BOARD_SURVEY: { title: { nl: string; en: string }; intro: { nl: string; en: string }; definition: SurveyDefinition } = {
	title: b('Voorbereiding van de volgende klankbordsessie', 'Preparing the next sounding-board session'),
	intro: b('Drie korte vragen, zodat de agenda gaat over wat jullie het belangrijkst vinden.', 'Three short questions, so that the agenda covers what matters most to you.'),
	definition: {
		sections: [
			{
				key: 's1',
				title: b('', ''),
				questions: [
					q('q1', 'single', 'Welk onderwerp moet bovenaan de agenda?', 'Which topic should top the agenda?', {
						required: true,
						options: opts(
							['Werkvergunningen in landen zonder verdrag', 'Work permits in countries without an agreement'],
							['De aanvraag van de tegemoetkoming', 'Applying for the allowance'],
							['Informatie over scholen vóór de plaatsing', 'School information before a posting'],
							['Terugkeer naar Nederland', 'Returning to the Netherlands']
						)
					}),
					q('q2', 'likert', 'De vorige sessie was de moeite waard.', 'The last session was worth my time.'),
					q('q3', 'long_text', 'Wat wil je nog kwijt aan de coördinator?', 'Anything else for the coordinator?')
				]
			}
		]
	}
};
