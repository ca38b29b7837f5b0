/**
 * The policy loop's demo: insights the coordinator drafted from what partners
 * said in the group, in a sounding-board session and in the 2026 survey, in
 * every status, and what the ministry did with them. Excerpts are the posts'
 * own words (the seed finds each post by them); days are counted from today.
 */

export interface DemoExcerpt {
	/** Words of a demo post, found by them and kept as the excerpt. */
	words: string;
}

export interface DemoInsight {
	key: string;
	title: string;
	summary: string;
	themes: string[];
	excerpts: string[];
	/** The session notes highlighted as evidence (found by their words). */
	notes: string[];
	/** The 2026 partner survey's questions marked as evidence, with a breakdown where one helps. */
	surveyResults: { question: string; dimension?: string; note: string }[];
	/** The path it took, with the day of each step. */
	created: number;
	submitted?: number;
	underReview?: number;
	decided?: { status: 'accepted' | 'declined'; day: number; reason?: string };
	mergedInto?: { key: string; day: number };
}

export const DEMO_EXCERPTS = [
	'In Kenia is er nog geen MoU of verdrag waarmee partners kunnen werken met behoud van immuniteit. Ik ken hier vier partners die daardoor al jaren niet kunnen werken.',
	'Weet iemand of er een MoU of verdrag met Indonesië is, en of dat ook geldt voor zelfstandigen?',
	'Tip: vraag het aan voordat je begint, achteraf declareren ging bij een kennis mis.',
	'What did you use it for, and how long did the application take? Any tips for what counts and what doesn’t?',
	'Na twee verhuizingen in drie jaar willen we dat ze straks in Nederland gewoon kunnen instromen.',
	'Is there a summary of the results somewhere, and what did the ministry do with them?',
	'Wat ik had onderschat was het gevoel van nergens echt bij te horen.'
] as const;

export const DEMO_INSIGHTS: DemoInsight[] = [
	{
		key: 'permits',
		title: 'Partners weten niet of ze op hun post mogen werken',
		summary:
			'Of een partner mag werken hangt af van het land: EU/EER, een verdrag, een MoU of niets. Die informatie staat nergens bij elkaar. Partners horen het van elkaar, soms pas maanden na aankomst, en in landen zonder afspraak (Kenia, Vietnam, Colombia) werkt bijna niemand.',
		themes: ['work', 'information'],
		excerpts: [DEMO_EXCERPTS[0], DEMO_EXCERPTS[1]],
		notes: ['Ik ontdekte pas na een half jaar dat ik al die tijd had mogen werken.'],
		surveyResults: [{ question: 'q2', note: 'Onduidelijke regels staan op twee na bovenaan.' }],
		created: -40,
		submitted: -38,
		underReview: -35,
		decided: { status: 'accepted', day: -30 }
	},
	{
		key: 'freelancers',
		title: 'Zelfstandigen vallen buiten de werkafspraken',
		summary: 'Een MoU gaat meestal over loondienst. Wie als zelfstandige online werkt voor Nederlandse klanten weet niet of dat mag.',
		themes: ['work'],
		excerpts: [DEMO_EXCERPTS[1]],
		notes: [],
		surveyResults: [],
		created: -39,
		submitted: -38,
		mergedInto: { key: 'permits', day: -36 }
	},
	{
		key: 'allowance',
		title: 'De aanvraag van de tegemoetkoming professionele ontwikkeling is onduidelijk',
		summary:
			'Partners weten niet wat meetelt (cursussen, coaching, taallessen) en wanneer ze moeten aanvragen. Wie achteraf declareert, krijgt soms niets. In de enquête vindt maar een deel de aanvraag duidelijk en snel.',
		themes: ['finances', 'work'],
		excerpts: [DEMO_EXCERPTS[2], DEMO_EXCERPTS[3]],
		notes: [],
		surveyResults: [{ question: 'q5', note: 'Minder dan de helft is het eens met "duidelijk en snel afgehandeld".' }],
		created: -28,
		submitted: -27,
		underReview: -25,
		decided: { status: 'accepted', day: -20 }
	},
	{
		key: 'schools',
		title: 'Schoolinformatie komt pas na de plaatsing',
		summary: 'Gezinnen met kinderen moeten vóór het besluit over een plaatsing weten welke scholen er zijn en hoe de aansluiting op het Nederlandse onderwijs gaat. Nu komt die informatie pas na de verhuizing.',
		themes: ['children', 'preparation'],
		excerpts: [DEMO_EXCERPTS[4]],
		notes: [],
		surveyResults: [{ question: 'q6', dimension: 'children', note: 'Partners met kinderen zijn minder tevreden over de informatie vóór vertrek.' }],
		created: -12,
		submitted: -10,
		underReview: -6
	},
	{
		key: 'survey-results',
		title: 'Partners willen zien wat er met hun inbreng gebeurt',
		summary: 'Na de enquête hoorden deelnemers niets meer. Een vaste plek voor "jullie zeiden, wij deden" zou laten zien dat meedoen zin heeft.',
		themes: ['information'],
		excerpts: [DEMO_EXCERPTS[5]],
		notes: [],
		surveyResults: [],
		created: -2,
		submitted: -1
	},
	{
		key: 'return',
		title: 'Begeleiding na terugkeer, niet alleen voor vertrek',
		summary: 'Na terugkomst voelen partners zich nergens thuis, en hun werkervaring in het buitenland telt bij werkgevers weinig. Een lotgenotengroep hielp.',
		themes: ['return', 'wellbeing'],
		excerpts: [DEMO_EXCERPTS[6]],
		notes: [],
		surveyResults: [],
		created: -15,
		submitted: -14,
		decided: {
			status: 'declined',
			day: -8,
			reason:
				'Een aparte begeleiding na terugkeer past dit jaar niet in het budget. We nemen terugkeer wel op in de bestaande loopbaanbegeleiding, en we wijzen partners op de groep Terugkeer naar Nederland hier op het platform.'
		}
	},
	{
		key: 'remote-work',
		title: 'Sociale zekerheid bij werken op afstand',
		summary: 'Wie vanuit de post voor een Nederlandse werkgever werkt, weet niet of de WW en de AOW doorlopen. Nog uitzoeken welke landen een verdrag hebben.',
		themes: ['work', 'finances'],
		excerpts: [],
		notes: [],
		surveyResults: [],
		created: -3
	}
];

export const DEMO_ACTIONS = [
	{
		insights: ['permits'],
		title: 'Per land op één plek: mag een partner er werken?',
		description:
			'Een overzicht per land (EU/EER, verdrag, MoU of niets) met wat er nodig is om te werken, in de informatiehoek van het platform en in de vertrekmap. Posten controleren hun land elk jaar.',
		status: 'done' as const,
		due: 10,
		created: -29,
		done: -5
	},
	{
		insights: ['allowance'],
		title: 'Eén aanvraagformulier en een lijst van wat meetelt',
		description: 'De aanvraag van de tegemoetkoming professionele ontwikkeling gaat naar één online formulier, met een lijst van wat wel en niet meetelt en de regel: aanvragen vóór je begint.',
		status: 'in_progress' as const,
		due: 60,
		created: -18
	}
];

export const DEMO_OUTCOME = {
	titleNl: 'Nu per land te zien: mag je als partner werken?',
	titleEn: 'Now shown per country: may partners work there?',
	heardNl:
		'Jullie vertelden dat je vaak pas na maanden hoorde of je op je post mocht werken, meestal van andere partners. In landen zonder afspraak werkt bijna niemand, en zelfstandigen wisten niet waar ze aan toe waren.',
	heardEn:
		'You told us that you often heard only after months whether you could work at your posting, usually from other partners. In countries without an agreement almost no one works, and freelancers did not know where they stood.',
	didNl:
		'Er is nu per land één overzicht: EU/EER, verdrag, MoU of geen afspraak, wat je nodig hebt om te werken en bij wie je terechtkunt. Het staat in de vertrekmap en posten controleren het elk jaar. Voor Kenia en Vietnam is het ministerie in gesprek over een MoU.',
	didEn:
		'There is now one overview per country: EU/EEA, treaty, MoU or no agreement, what you need in order to work, and whom to ask. It is in the departure pack and postings check it every year. For Kenya and Vietnam the ministry is discussing an MoU.',
	published: -3
};
