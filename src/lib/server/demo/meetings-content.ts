import type { NoteKind, Rsvp } from '../../shared/meetings';

/**
 * Demo data for board sessions: two sessions held (notes published, one of
 * them corrected once), one planned for later this week, and one going on
 * now. Seeded by meetings-seed.ts after the sounding board (board-seed.ts),
 * whose active members are the invitees. People are named as the board seed
 * and seed.ts name them (display names); a name that is not there is left
 * out rather than failing the seed.
 *
 * Each session is in the language most of its participants chose for it;
 * partners answer in their own, so a Dutch session holds an English quote
 * and the other way round. Quotes are recorded without a name, as the room
 * records them. Days are relative to the day the demo is seeded.
 */

export const DEMO_COORDINATOR = 'Marieke Jansen';
export const DEMO_POLICY_OFFICER = 'Pieter Bakker';
export const DEMO_BOARD_ACCOUNT = 'Amira Haddad';

export interface DemoEntry {
	kind: NoteKind;
	body: string;
	/** Follow-ups: who carries it, as the session said it. */
	owner?: string;
	/** Follow-ups: due, in days from today. */
	due?: number;
	/** Follow-ups: marked done, in days from today. */
	done?: number;
	/** Marked as a highlight (a candidate for an insight) by the coordinator, in days from today. */
	highlighted?: number;
	/** Added when the notes were corrected: in revision 2, not in the first publication. */
	correction?: true;
	/** Proposed by this board member in the room, waiting for a coordinator. */
	proposedBy?: string;
}

export interface DemoPoll {
	question: string;
	options: string[];
	/** Answers per option, given by the participants in turn; whoever is left over did not answer. */
	counts: number[];
}

export interface DemoItem {
	title: string;
	body: string;
	minutes: number;
	entries: DemoEntry[];
	/** A quick poll under this item: closed in a session that was held. */
	poll?: DemoPoll;
}

export interface DemoQuestion {
	body: string;
	by: string;
	/** Upvotes from other participants. */
	votes: number;
	answered: boolean;
}

interface DemoMeetingBase {
	title: string;
	description: string;
	meetingLink: string;
	items: DemoItem[];
	questions: DemoQuestion[];
	/** Named answers; everyone else answered `otherRsvp`. */
	rsvps: Record<string, { answer: Rsvp; note?: string }>;
	otherRsvp: Rsvp | null;
	/** Invited besides the active board: guests (a policy officer) or the coordinator running the room. */
	guests: string[];
}

/** A session that was held: who stayed away, who joined by phone (recorded by the coordinator), and its notes' publications. */
export interface HeldMeeting extends DemoMeetingBase {
	when: 'held';
	day: number;
	/** Start, UTC, as HH:MM. */
	startUtc: string;
	minutes: number;
	absent: string[];
	byPhone: string[];
	/** Days after the session the notes were published; a second number is the correction, with its reason. */
	published: number;
	correction?: { after: number; reason: string };
}

export interface PlannedMeeting extends DemoMeetingBase {
	when: 'planned';
	day: number;
	startUtc: string;
	minutes: number;
}

/** Going on now: started some minutes ago, the room on one item since a few minutes. */
export interface LiveMeeting extends DemoMeetingBase {
	when: 'live';
	startedMinutesAgo: number;
	endsInMinutes: number;
	/** The agenda item (0-based) the room is on, and since how many minutes. */
	currentItem: number;
	currentSinceMinutesAgo: number;
	/** Opened the room so far: recorded present. */
	present: string[];
}

export type DemoMeeting = HeldMeeting | PlannedMeeting | LiveMeeting;

const WORK: HeldMeeting = {
	when: 'held',
	day: -52,
	startUtc: '14:00',
	minutes: 90,
	title: 'Klankbordsessie: werken op je standplaats',
	description:
		'We praten over twee dingen die in de groep steeds terugkomen: mag je werken op je standplaats (verdrag, MoU of niets), en wat doe je met het budget voor professionele ontwikkeling? Neem je eigen ervaringen mee, en die van partners om je heen.',
	meetingLink: 'https://meet.example.org/klankbord-werk',
	guests: [],
	absent: ['Eline Bos', 'Karin Vos'],
	byPhone: ['Bas Kuipers'],
	rsvps: {
		'Eline Bos': { answer: 'no' },
		'Karin Vos': { answer: 'maybe' },
		'Bas Kuipers': { answer: 'yes', note: 'Hier valt de stroom regelmatig uit. Als mijn verbinding wegvalt, bel ik in met de telefoon.' }
	},
	otherRsvp: 'yes',
	published: 2,
	correction: { after: 6, reason: 'Een punt uit de rondvraag ontbrak; een deelnemer meldde het na de eerste publicatie.' },
	items: [
		{
			title: 'Werkvergunningen in het buitenland',
			body: 'Verdrag, MoU of niets: wat betekent dat op jouw post, en hoe kwam je erachter?',
			minutes: 35,
			entries: [
				{
					kind: 'point',
					body: 'Bijna niemand wist bij aankomst of er voor het land een verdrag of MoU is. De meesten hoorden het van andere partners, niet van het ministerie of de post.'
				},
				{
					kind: 'point',
					body: 'In Kenia, Vietnam en Colombia is er geen afspraak. Partners daar kunnen alleen werken door hun immuniteit op te geven, en dat doet bijna niemand.'
				},
				{
					kind: 'quote',
					body: 'Ik ontdekte pas na een half jaar dat ik al die tijd had mogen werken. Niemand had me verteld dat er een MoU was.',
					highlighted: -44
				},
				{
					kind: 'quote',
					body: 'The permit took eleven months. By the time it came through, we had a year and a half left at the post, and no employer wants to train someone for that.'
				},
				{
					kind: 'point',
					body: 'Zelfstandigen vallen vaak buiten een MoU, dat over loondienst gaat. Wie online werkt voor Nederlandse klanten weet niet of dat mag.'
				},
				{
					kind: 'decision',
					body: 'De klankbordgroep vraagt het ministerie om per land op één plek te laten zien of partners er mogen werken (EU/EER, verdrag, MoU of niets) en wat daarvoor nodig is.'
				},
				{
					kind: 'follow_up',
					body: 'De lijst met landen en de stand van zaken per land op het informatieplein zetten.',
					owner: 'Pieter Bakker (beleid)',
					due: -30,
					done: -33
				}
			]
		},
		{
			title: 'Budget voor professionele ontwikkeling',
			body: 'Wie heeft het gebruikt, waarvoor, en wat hield je tegen?',
			minutes: 35,
			entries: [
				{
					kind: 'point',
					body: 'Veel partners weten niet dat het budget bestaat. Wie het wel kent, vindt de aanvraag omslachtig: je moet eerst zelf betalen en daarna declareren.'
				},
				{
					kind: 'point',
					body: 'Een taalcursus op de standplaats lijkt niet onder de regeling te vallen, terwijl dat voor werk ter plaatse vaak het eerste is wat je nodig hebt.'
				},
				{
					kind: 'quote',
					body: 'Voorschieten kan niet iedereen. Een opleiding van 2.000 euro betaal je niet even van één inkomen in een duur land.'
				},
				{
					kind: 'decision',
					body: 'Voorstel aan het ministerie: het budget vooraf laten betalen aan de opleider, en online opleidingen uitdrukkelijk laten meetellen.'
				},
				{
					kind: 'follow_up',
					body: 'Navragen of een taalcursus op de standplaats onder het budget valt, en het antwoord in de groep delen.',
					owner: 'Marieke Jansen',
					due: -40,
					done: -41
				}
			],
			poll: {
				question: 'Heb je het budget voor professionele ontwikkeling de afgelopen twee jaar gebruikt?',
				options: ['Ja', 'Nee, ik wist niet dat het bestond', 'Nee, het paste niet bij wat ik wilde leren', 'Nee, om een andere reden'],
				counts: [3, 5, 3, 1]
			}
		},
		{
			title: 'Rondvraag',
			body: '',
			minutes: 10,
			entries: [
				{
					kind: 'point',
					body: 'Partners die een eigen bedrijf meenemen, willen graag een aparte sessie over belasting en sociale zekerheid.',
					correction: true
				}
			]
		}
	],
	questions: [
		{ body: 'Kan het ministerie laten weten met welke landen nu over een MoU wordt gepraat?', by: 'Noor Bouzid', votes: 7, answered: true },
		{ body: 'Geldt het budget ook als je op de standplaats al een baan hebt?', by: 'Priya Raman', votes: 5, answered: true },
		{ body: 'Telt een online master bij een Nederlandse universiteit mee?', by: 'Jeroen van Leeuwen', votes: 3, answered: true }
	]
};

const SCHOOLING: HeldMeeting = {
	when: 'held',
	day: -17,
	startUtc: '07:00',
	minutes: 90,
	title: 'Sounding board: schooling, and coming home',
	description:
		'An early session this time, so that members in Asia and Oceania can join in daylight. Two topics: finding a school at a new post, and what returning to the Netherlands is like for partners and children.',
	meetingLink: 'https://meet.example.org/klankbord-school',
	guests: [],
	absent: ['Amira Haddad', 'Marta Kowalczyk', 'Sjoerd Wiersma'],
	byPhone: ['Kwame Asante'],
	rsvps: {
		'Amira Haddad': { answer: 'no' },
		'Marta Kowalczyk': { answer: 'no' },
		'Sjoerd Wiersma': { answer: 'maybe' },
		'Kwame Asante': { answer: 'yes', note: 'Our internet is unreliable in the mornings. I may join by phone; please read questions from the chat aloud.' }
	},
	otherRsvp: 'yes',
	published: 3,
	items: [
		{
			title: 'Children’s schooling at a new post',
			body: 'Waiting lists, the school-fee allowance, children with extra needs.',
			minutes: 40,
			entries: [
				{
					kind: 'point',
					body: 'International schools in several capitals have waiting lists of a year or more. Families hear about their next post too late to get a place.'
				},
				{
					kind: 'point',
					body: 'The school-fee allowance covers fees, but not the assessments some schools require for children with dyslexia or ADHD. Parents pay those themselves.'
				},
				{
					kind: 'quote',
					body: 'We had three schools say no before one said yes. My daughter started seven weeks late and still talks about being the new girl twice.'
				},
				{
					kind: 'quote',
					body: 'Mijn zoon heeft in vier landen op school gezeten. Nederlands lezen is wat er het eerst bij inschiet, en niemand houdt dat bij.'
				},
				{
					kind: 'decision',
					body: 'The board asks that postings be confirmed early enough for families to apply to schools, and that the allowance cover the assessments schools require.'
				},
				{
					kind: 'follow_up',
					body: 'Ask HR whether the education allowance can cover an assessment a school requires for a child with extra needs.',
					owner: 'Pieter Bakker (policy)',
					due: 12
				}
			],
			poll: {
				question: 'How long before the move did you know which school your children would go to?',
				options: ['More than six months', 'Three to six months', 'Less than three months', 'Only after we arrived'],
				counts: [2, 3, 4, 2]
			}
		},
		{
			title: 'Returning to the Netherlands',
			body: 'Housing, work, and children who have never lived there.',
			minutes: 40,
			entries: [
				{
					kind: 'point',
					body: 'Coming home is harder than leaving: there is no welcome at the other end, and partners lose the network the post gave them.'
				},
				{
					kind: 'point',
					body: 'Work experience from abroad is undervalued by Dutch employers. A gap on the CV raises more questions than the work done at post.'
				},
				{
					kind: 'quote',
					body: 'Everyone assumes you are going home. My children were born abroad; for them, the Netherlands is a new posting with worse weather.'
				},
				{
					kind: 'quote',
					body: 'Na twaalf jaar weg moest ik bij de gemeente uitleggen waarom ik geen DigiD had. Ik voelde me een vreemde in mijn eigen land.'
				},
				{
					kind: 'decision',
					body: 'A returning-home checklist for partners will be written from today’s points and shared in the group.'
				},
				{
					kind: 'follow_up',
					body: 'Put together the returning-home checklist and post it in the group.',
					owner: 'Eline Bos',
					due: -7,
					done: -9
				}
			]
		},
		{
			title: 'Where things stand since the last session',
			body: 'Follow-ups from the session on working at your post.',
			minutes: 10,
			entries: [
				{
					kind: 'point',
					body: 'The list of countries with a treaty or MoU is now in the information corner. Members ask that it also say who to contact at the post.'
				}
			]
		}
	],
	questions: [
		{ body: 'Is there any support for partners who return mid-school-year with teenagers?', by: 'Olga Petrenko', votes: 4, answered: true },
		{ body: 'Can someone from HR join the next session about the education allowance?', by: 'Femke Mulder', votes: 6, answered: true }
	]
};

const PLANNED: PlannedMeeting = {
	when: 'planned',
	day: 4,
	startUtc: '14:00',
	minutes: 90,
	title: 'Klankbordsessie: verhuizen met het gezin deze zomer',
	description:
		'Deze zomer verhuizen veel van ons naar een nieuwe post. We kijken wat er gedaan is met onze eerdere punten, en praten over de planning rond school en werk. Pieter Bakker van de afdeling beleid is erbij als gast.',
	meetingLink: 'https://meet.example.org/klankbord-verhuizen',
	guests: [DEMO_POLICY_OFFICER],
	rsvps: {
		'Willemijn de Boer': { answer: 'yes' },
		'Noor Bouzid': { answer: 'yes' },
		'Bas Kuipers': { answer: 'yes' },
		'Priya Raman': { answer: 'yes' },
		'Olga Petrenko': { answer: 'yes' },
		'Sjoerd Wiersma': { answer: 'yes', note: 'Ik ben slechthorend. Als er live ondertiteling aan kan, graag; anders volg ik mee via de chat.' },
		'Eline Bos': { answer: 'no' },
		'Karin Vos': { answer: 'no' },
		'Kwame Asante': { answer: 'maybe' },
		'Yasmin Darwish': { answer: 'maybe' }
	},
	otherRsvp: null,
	items: [
		{
			title: 'Wat is er gedaan met onze punten',
			body: 'Pieter Bakker vertelt wat het ministerie heeft gedaan met de punten van de vorige twee sessies.',
			minutes: 15,
			entries: []
		},
		{
			title: 'Overplaatsing en school: de planning',
			body: 'Wanneer hoor je waar je heen gaat, en wanneer moet de school het weten? Ervaringen en knelpunten.',
			minutes: 35,
			entries: []
		},
		{
			title: 'Werk na een overplaatsing',
			body: 'Opnieuw beginnen: vergunningen, je netwerk, het budget voor ontwikkeling tussen twee posten.',
			minutes: 30,
			entries: []
		},
		{ title: 'Rondvraag', body: '', minutes: 10, entries: [] }
	],
	questions: []
};

const LIVE: LiveMeeting = {
	when: 'live',
	startedMinutesAgo: 20,
	endsInMinutes: 70,
	currentItem: 1,
	currentSinceMinutesAgo: 10,
	title: 'Sounding board: the draft partner policy for next year',
	description:
		'The ministry has shared its draft of next year’s partner policy with the board. We go through the parts on working at your post and on the professional-development allowance, and collect what is missing.',
	meetingLink: 'https://meet.example.org/klankbord-beleid',
	// The coordinator runs the room, invited so that her attendance counts too.
	guests: [DEMO_COORDINATOR],
	rsvps: {
		'Eline Bos': { answer: 'no' },
		'Yasmin Darwish': { answer: 'maybe' },
		'Sjoerd Wiersma': { answer: 'yes', note: 'Ik ben slechthorend: live ondertiteling helpt me enorm. Ik lees ook de notities in de room mee.' }
	},
	otherRsvp: 'yes',
	present: [DEMO_COORDINATOR, 'Kwame Asante', 'Noor Bouzid', 'Priya Raman', 'Olga Petrenko', 'Jeroen van Leeuwen', 'Femke Mulder', 'Willemijn de Boer'],
	items: [
		{
			title: 'Welcome and check-in',
			body: 'Who is here, where are you now, anything urgent from your post.',
			minutes: 10,
			entries: [
				{
					kind: 'point',
					body: 'Three members moved to a new post since the last session; two of them are still waiting for a work permit in their new country.'
				}
			]
		},
		{
			title: 'Draft: working at your post',
			body: 'The draft text on work permits, treaties and MoUs. What is missing, what is unclear?',
			minutes: 30,
			entries: [
				{
					kind: 'point',
					body: 'The draft assumes everyone knows what an MoU is. A plain-language explanation, and the list per country, should be in the policy itself.'
				},
				{
					kind: 'quote',
					body: 'If the policy only says “where an agreement exists”, I still don’t know whether I can take the job I was offered last week.'
				},
				{
					kind: 'point',
					body: 'Say what happens to your pension and health insurance when you work locally under an MoU.',
					proposedBy: DEMO_BOARD_ACCOUNT
				}
			]
		},
		{
			title: 'Draft: the professional-development allowance',
			body: 'Proposed changes: a higher ceiling, online courses, paying the course provider directly.',
			minutes: 30,
			entries: []
		},
		{ title: 'Questions and wrap-up', body: '', minutes: 15, entries: [] }
	],
	questions: [{ body: 'Will the new allowance rules also apply to postings that have already started?', by: 'Kwame Asante', votes: 2, answered: false }]
};

export const DEMO_MEETINGS: DemoMeeting[] = [WORK, SCHOOLING, PLANNED, LIVE];
