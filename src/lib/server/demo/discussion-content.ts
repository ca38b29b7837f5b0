import { eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db';
import { categories, notifications, posts, reactions, threadReads, threads, threadWatches, users } from '../db/schema';
import type { Reaction } from '../../shared/discussion';
import { renderMarkdown, mentionedHandles } from '../discussion/markdown';

/**
 * Demo content for the group: the categories partners asked for and threads
 * in Dutch and English, written as the demo members would write them. Only
 * seeded into an empty database (seedDemo).
 */
type Who = 'sanne' | 'amira' | 'joost';
const EMAIL: Record<Who, string> = {
	sanne: 'member@example.org',
	amira: 'board@example.org',
	joost: 'moderator@example.org'
};

export const DEMO_CATEGORIES = [
	{ slug: 'welcome', nameNl: 'Welkom en kennismaken', nameEn: 'Welcome and introductions', descriptionNl: 'Stel je voor: waar zit je, sinds wanneer, en wat hoop je hier te vinden?', descriptionEn: 'Introduce yourself: where are you posted, since when, and what do you hope to find here?' },
	{ slug: 'work-and-career', nameNl: 'Werk en loopbaan in het buitenland', nameEn: 'Work and career abroad', descriptionNl: 'Werkvergunningen, MoU’s en verdragen, werken op afstand, de vergoeding voor professionele ontwikkeling.', descriptionEn: 'Work permits, MoUs and treaties, remote work, the professional-development allowance.' },
	{ slug: 'children-and-education', nameNl: 'Kinderen en onderwijs', nameEn: 'Children and education', descriptionNl: 'Scholen, Nederlands onderwijs op afstand, kinderen en verhuizen.', descriptionEn: 'Schools, Dutch-language education at a distance, children and moving.' },
	{ slug: 'moving-and-settling-in', nameNl: 'Verhuizen en je thuis voelen', nameEn: 'Moving and settling in', descriptionNl: 'Inpakken, zeevracht, huisdieren, een huis vinden en wennen.', descriptionEn: 'Packing, sea freight, pets, finding a home and settling in.' },
	{ slug: 'returning-home', nameNl: 'Terugkeer naar Nederland', nameEn: 'Returning home', descriptionNl: 'Inschrijven, zorgverzekering, werk zoeken en de omgekeerde cultuurschok.', descriptionEn: 'Registering, health insurance, finding work and reverse culture shock.' },
	{ slug: 'wellbeing', nameNl: 'Welzijn', nameEn: 'Wellbeing', descriptionNl: 'Eenzaamheid, heimwee, relaties en hulp op afstand. Wees mild voor elkaar.', descriptionEn: 'Loneliness, homesickness, relationships and help at a distance. Be kind to each other.' },
	{ slug: 'questions-for-the-ministry', nameNl: 'Vragen aan het ministerie', nameEn: 'Questions for the ministry', descriptionNl: 'Vragen en signalen die we bundelen voor het ministerie en de klankbordgroep.', descriptionEn: 'Questions and signals we collect for the ministry and the sounding board.' },
	{ slug: 'asia-oceania', nameNl: 'Azië en Oceanië', nameEn: 'Asia and Oceania', descriptionNl: 'Partners op standplaatsen in Azië, Australië en de Stille Oceaan.', descriptionEn: 'Partners posted in Asia, Australia and the Pacific.' },
	{ slug: 'africa', nameNl: 'Afrika', nameEn: 'Africa', descriptionNl: 'Partners op standplaatsen in Afrika.', descriptionEn: 'Partners posted in Africa.' },
	{ slug: 'latin-america', nameNl: 'Latijns-Amerika', nameEn: 'Latin America', descriptionNl: 'Partners op standplaatsen in Midden- en Zuid-Amerika en het Caribisch gebied.', descriptionEn: 'Partners posted in Central and South America and the Caribbean.' },
	{ slug: 'middle-east', nameNl: 'Midden-Oosten', nameEn: 'Middle East', descriptionNl: 'Partners op standplaatsen in het Midden-Oosten en Noord-Afrika.', descriptionEn: 'Partners posted in the Middle East and North Africa.' },
	{ slug: 'europe-north-america', nameNl: 'Europa en Noord-Amerika', nameEn: 'Europe and North America', descriptionNl: 'Partners op standplaatsen in Europa, de VS en Canada.', descriptionEn: 'Partners posted in Europe, the US and Canada.' },
	// Where coordinators post a session's summary (shared/meetings-notes.ts BOARD_SUMMARY_CATEGORY looks it up by this slug).
	// Where policy staff publish "You said, we did" (shared/insights.ts OUTCOME_CATEGORY).
	{ slug: 'you-said-we-did', nameNl: 'Jullie zeiden, wij deden', nameEn: 'You said, we did', descriptionNl: 'Wat partners aankaartten, en wat het ministerie ermee deed (of waarom niet).', descriptionEn: 'What partners raised, and what the ministry did with it (or why not).' },
	{ slug: 'sounding-board', nameNl: 'Uit de klankbordgroep', nameEn: 'From the sounding board', descriptionNl: 'Samenvattingen van de sessies van de klankbordgroep: wat er besproken en besloten is, en wat er nu gebeurt.', descriptionEn: 'Summaries of the sounding board’s sessions: what was discussed and decided, and what happens next.' }
];

interface DemoReply {
	by: Who;
	/** Hours after the thread was started. */
	at: number;
	body: string;
	/** Index of the reply quoted (-1: the opening post). */
	quote?: number;
	reactions?: [Who, Reaction][];
}
interface DemoThread {
	category: string;
	by: Who;
	kind?: 'discussion' | 'question';
	title: string;
	country?: string;
	pinned?: boolean;
	daysAgo: number;
	body: string;
	reactions?: [Who, Reaction][];
	replies: DemoReply[];
	/** Index of the accepted reply. */
	accepted?: number;
}

export const DEMO_THREADS: DemoThread[] = [
	{
		category: 'welcome',
		by: 'joost',
		pinned: true,
		daysAgo: 40,
		title: 'Welkom op Partnerplein — lees dit even / Welcome — please read this first',
		body: `Fijn dat je er bent! Partnerplein is de besloten plek voor partners van uitgezonden collega’s. Alles wat je hier schrijft, zien alleen andere leden.

**Een paar afspraken**

- Schrijf in het Nederlands of het Engels, wat je het prettigst vindt.
- Deel geen persoonlijke gegevens van anderen, en wees voorzichtig met details over je adres of beveiliging op de post.
- Heb je een vraag? Kies bij een nieuw gesprek voor **Vraag**: dan kun je het antwoord dat je hielp markeren, zodat anderen het later snel vinden.
- Noem iemand met @ en de korte naam, bijvoorbeeld @joost-verhoeven.

*In English:* welcome! Write in Dutch or English, be kind, keep other people's details private, and use **Question** when you are looking for an answer. The moderators are here to help — just mention us.`,
		reactions: [['sanne', 'thumbs_up'], ['amira', 'heart']],
		replies: [
			{ by: 'sanne', at: 20, body: 'Dank je wel, Joost! Ik ben Sanne, sinds augustus met mijn man en twee kinderen in Jakarta. Fijn dat dit nu een eigen plek is in plaats van die Facebookgroep.', reactions: [['joost', 'heart']] },
			{ by: 'amira', at: 30, body: 'Thanks for setting this up. Good to have the guidelines in both languages — my Dutch is getting better, but slowly!', reactions: [['sanne', 'laugh']] }
		]
	},
	{
		category: 'welcome',
		by: 'amira',
		daysAgo: 33,
		title: 'Hello from Bogotá!',
		country: 'CO',
		body: `Hi everyone, I'm Amira. My wife started at the embassy in Bogotá in June, and I came along with our dog Pepper. Before this we were in Amman for four years.

I worked as a pharmacist in the Netherlands and I'm trying to figure out what I can do here. I'm also on the sounding board (klankbordgroep), so if there is something you'd like me to bring up, let me know.`,
		reactions: [['sanne', 'heart'], ['joost', 'thumbs_up']],
		replies: [
			{ by: 'sanne', at: 5, body: 'Welkom Amira! Van Amman naar Bogotá is nogal een overstap, zeker qua hoogte. Hoe bevalt de stad?' },
			{ by: 'amira', at: 9, body: 'The altitude took two weeks to get used to — I was out of breath on every staircase. But the city is lovely, and the people are incredibly warm.', quote: 0 },
			{ by: 'joost', at: 26, body: 'Welkom! Goed om te weten dat je in de klankbordgroep zit. Ik denk dat het onderwerp werkvergunningen daar vaak langs gaat komen.' }
		]
	},
	{
		category: 'work-and-career',
		by: 'sanne',
		kind: 'question',
		country: 'ID',
		daysAgo: 21,
		title: 'Werkvergunning in Indonesië: geldt het MoU ook voor freelancers?',
		body: `Ik werk als freelance vertaler voor Nederlandse klanten en wil dat hier graag blijven doen. Ik lees overal iets anders: volgens de ene collega mag het gewoon omdat mijn opdrachtgevers in Nederland zitten, volgens de andere heb ik een werkvergunning nodig.

Weet iemand of er een MoU of verdrag met Indonesië is, en of dat ook geldt voor zelfstandigen? @joost-verhoeven, jij weet hier volgens mij meer van?`,
		replies: [
			{
				by: 'joost',
				at: 6,
				body: `Goede vraag, en je bent niet de enige. Kort wat ik weet:

1. Met een aantal landen is er een **verdrag** of **MoU** waarmee partners mogen werken met behoud van hun diplomatieke status. Het ministerie houdt een lijst bij per land; vraag die op bij je HR-contactpersoon of kijk in de informatiehoek zodra die er is.
2. Voor landen *zonder* zo'n afspraak geldt in het algemeen: werken op de lokale arbeidsmarkt kan je immuniteit raken. Werken op afstand voor Nederlandse klanten is een grijs gebied, maar wordt meestal getolereerd zolang je geen lokale klanten hebt.
3. Laat het altijd even checken bij de ambassade, want het hangt af van de lokale regels én van je visum.

Bij mij in Kenia duurde het uitzoeken drie weken, dus begin op tijd.`,
				reactions: [['sanne', 'thanks'], ['amira', 'thumbs_up']]
			},
			{ by: 'amira', at: 30, body: 'Same question came up in Colombia. Here there is an agreement, but I still needed a letter from the embassy and it took almost two months before the permit came through.' },
			{ by: 'sanne', at: 52, body: 'Dank jullie! Ik heb het bij de ambassade nagevraagd: voor Nederlandse opdrachtgevers is het geen probleem, zolang ik geen Indonesische klanten aanneem. Ik markeer Joost z’n antwoord als het antwoord.', quote: 0 }
		],
		accepted: 0
	},
	{
		category: 'work-and-career',
		by: 'amira',
		daysAgo: 14,
		title: 'The professional-development allowance: what did you use it for?',
		body: `I only recently found out that partners can get a **professional-development allowance** (budget for courses, training or coaching) to keep our careers going while abroad. I'd like to use it to keep my pharmacy registration up to date with online courses.

What did you use it for, and how long did the application take? Any tips for what counts and what doesn't?`,
		reactions: [['sanne', 'thumbs_up']],
		replies: [
			{ by: 'sanne', at: 4, body: 'Ik heb hem vorig jaar gebruikt voor een online opleiding tot beëdigd vertaler. Aanvraag met offerte van de opleiding, binnen vier weken goedgekeurd. Tip: vraag het aan *voordat* je begint, achteraf declareren ging bij een kennis mis.', reactions: [['amira', 'thanks']] },
			{ by: 'joost', at: 20, body: 'Ik heb er een loopbaancoach van betaald, online, drie sessies. Dat telde mee omdat het gericht was op werk na terugkeer. Taalcursussen in de lokale taal vallen er bij mijn weten ook onder als ze nodig zijn voor werk.' },
			{ by: 'amira', at: 27, body: 'This is really helpful, thank you both. Applying this week!' }
		]
	},
	{
		category: 'work-and-career',
		by: 'joost',
		daysAgo: 9,
		title: 'Op afstand werken voor een Nederlandse werkgever: belasting en sociale zekerheid',
		body: `Mijn werkgever in Utrecht vindt het prima dat ik vanuit Nairobi blijf werken, maar niemand weet precies hoe het zit met loonbelasting en de sociale verzekeringen.

Heeft iemand dit al eens uitgezocht? Ik ben vooral benieuwd of je verzekerd blijft voor de WW en de AOW als je langer dan een jaar in het buitenland woont.`,
		replies: [
			{ by: 'sanne', at: 10, body: 'Wij hebben hiervoor een A1-verklaring aangevraagd bij de SVB. Dat duurde even, maar daarna was het duidelijk: verzekerd in Nederland, belasting ook in Nederland. Wel afhankelijk van het land!' },
			{ by: 'amira', at: 40, body: 'Worth checking whether your host country has a social security agreement with the Netherlands — Colombia doesn’t, which made it more complicated for me.' }
		]
	},
	{
		category: 'children-and-education',
		by: 'sanne',
		kind: 'question',
		country: 'ID',
		daysAgo: 18,
		title: 'Internationale school of Nederlands onderwijs op afstand?',
		body: `Onze kinderen (7 en 10) gaan nu naar een internationale school in Jakarta. Ze doen het goed, maar hun Nederlands gaat hard achteruit. Na twee verhuizingen in drie jaar willen we dat ze straks in Nederland gewoon kunnen instromen.

Wie combineert een internationale school met Nederlands onderwijs op afstand (NTC of een online school)? Hoeveel uur per week is dat, en houden de kinderen het vol?`,
		replies: [
			{ by: 'joost', at: 3, body: 'Onze dochter volgt naast de Britse school twee uur per week NTC-les online. Het vraagt wat discipline, maar haar leesniveau is op peil gebleven. Een vaste middag in de week helpt enorm.', reactions: [['sanne', 'thanks']] },
			{ by: 'amira', at: 12, body: 'We don’t have children, but friends here use a Dutch online school and are very happy with it. They said starting early matters more than the number of hours.' },
			{ by: 'sanne', at: 30, body: 'Dank jullie. We gaan het NTC proberen, met de woensdagmiddag als vaste les.' }
		],
		accepted: 0
	},
	{
		category: 'children-and-education',
		by: 'amira',
		kind: 'question',
		country: 'CO',
		daysAgo: 6,
		title: 'Schools in Bogotá that take children in the middle of the school year?',
		body: `Asking for a colleague’s family arriving in February: their son is 12. Most international schools here seem to have waiting lists and only take new pupils in August.

Does anyone know schools in Bogotá that accept children mid-year, or how long the waiting lists really are?`,
		replies: [
			{ by: 'joost', at: 14, body: 'Geen ervaring met Bogotá, maar in Nairobi bleek de wachtlijst flexibeler voor diplomatengezinnen dan op de website stond. Bel de school direct en noem de rotatie: ze zijn het gewend.' }
		]
	},
	{
		category: 'moving-and-settling-in',
		by: 'joost',
		country: 'KE',
		daysAgo: 28,
		title: 'Verhuizen met huisdieren: onze kat naar Nairobi',
		body: `Voor wie met een huisdier gaat verhuizen: wij hebben onze kat Moos meegenomen naar Kenia. Wat we geleerd hebben:

- Begin **minstens vier maanden** van tevoren: rabiësvaccinatie, titerbepaling en een importvergunning.
- De luchtvaartmaatschappij bepaalt of je dier in de cabine mag; bij ons moest ze als vracht, met een erkende pet relocation-firma.
- Neem een bekende deken en wat voer mee voor de eerste week.

Moos was twee dagen boos en ligt nu de hele dag in de zon op het balkon.`,
		reactions: [['sanne', 'heart'], ['amira', 'heart'], ['amira', 'laugh']],
		replies: [
			{ by: 'amira', at: 8, body: 'Pepper (our dog) flew to Bogotá in the cabin because she is small enough. The paperwork took longer than the flight! Also check the rules for *returning* with your pet — the EU rules differ again.', reactions: [['joost', 'thumbs_up']] },
			{ by: 'sanne', at: 33, body: 'Goed om te lezen! Wij twijfelen nog of we onze hond meenemen bij de volgende plaatsing. Hoe ging het met de temperatuur in het vrachtruim?' },
			{ by: 'joost', at: 36, body: 'Dat ruim is verwarmd en op druk, daar hoef je je geen zorgen over te maken. De wachttijd op het vliegveld was het lastigste: reken op een paar uur.', quote: 1 }
		]
	},
	{
		category: 'moving-and-settling-in',
		by: 'amira',
		daysAgo: 24,
		title: 'Sea freight: what was worth shipping, and what do you regret bringing?',
		body: `We’re three months in and finally have our sea freight. Half of it I didn’t miss at all. What was really worth shipping for you? For me: our own mattress, good kitchen knives and the kids’ books of friends we visit.

And what do you regret bringing?`,
		replies: [
			{ by: 'joost', at: 5, body: 'Spijt: de wasdroger. Het stopcontact paste niet, het voltage klopte wel, maar hier droogt alles in twee uur buiten. Wél blij met: onze eigen schilderijen. Dan voelt een huurhuis snel als thuis.' },
			{ by: 'sanne', at: 11, body: 'Hagelslag en drop natuurlijk 😄 Maar serieus: de fietsen. In Jakarta fiets je niet. Ze staan al een jaar in de schuur.', reactions: [['amira', 'laugh'], ['joost', 'laugh']] }
		]
	},
	{
		category: 'moving-and-settling-in',
		by: 'sanne',
		daysAgo: 11,
		title: 'Twee verhuizingen in drie jaar: hoe houd je het overzicht?',
		body: `Na onze laatste verhuizing vonden we pas na vier maanden de doos met paspoorten terug (hij stond bij de kerstspullen...). Voor de volgende keer wil ik het beter doen.

Hoe houden jullie overzicht bij het inpakken? Een spreadsheet, een app, kleurcodes per kamer?`,
		reactions: [['joost', 'laugh']],
		replies: [
			{ by: 'amira', at: 2, body: 'Colour stickers per room, plus a numbered list per box in a shared spreadsheet. And one "first night" suitcase per person that never goes in the freight.', reactions: [['sanne', 'thumbs_up']] },
			{ by: 'joost', at: 7, body: 'Belangrijke papieren altijd in de handbagage, in één map. Dat hebben we na onze eerste verhuizing ook op de harde manier geleerd.' }
		]
	},
	{
		category: 'returning-home',
		by: 'joost',
		daysAgo: 16,
		title: 'Terug naar Nederland na acht jaar: wat ik had onderschat',
		body: `Vorige zomer zijn we na acht jaar (Lima, Dakar, Nairobi) teruggekomen. Praktisch ging het best: inschrijven bij de gemeente, DigiD, zorgverzekering. Wat ik had onderschat was het gevoel van **nergens echt bij te horen**. Vrienden hadden hun eigen leven, en mijn werkervaring in het buitenland zei werkgevers weinig.

Wat hielp: een groep andere teruggekeerde partners, en eerlijk zijn tegen mezelf dat het een jaar kost. Herkennen jullie dit?`,
		reactions: [['sanne', 'hug'], ['amira', 'hug']],
		replies: [
			{ by: 'sanne', at: 12, body: 'Heel herkenbaar, ook al zijn wij nog niet terug. Ik zie er nu al tegenop. Fijn dat je het zo eerlijk opschrijft.', reactions: [['joost', 'heart']] },
			{ by: 'amira', at: 20, body: 'Reverse culture shock is real. Maybe this is something for the sounding board: support for partners after return, not just before departure?', reactions: [['joost', 'thumbs_up'], ['sanne', 'thumbs_up']] }
		]
	},
	{
		category: 'returning-home',
		by: 'amira',
		kind: 'question',
		daysAgo: 8,
		title: 'Registering with a Dutch municipality (BRP) after a posting — what do I need?',
		body: `We’re returning next summer. Which documents do I need to register with the municipality again? I have a Moroccan birth certificate; do I need to have it legalised again even though I was registered before?`,
		replies: [
			{ by: 'joost', at: 9, body: 'Als je eerder ingeschreven stond, heeft de gemeente je gegevens meestal nog (je BSN blijft geldig). Neem je paspoort, huurcontract en de uitschrijvingsbevestiging mee. Een opnieuw gelegaliseerde geboorteakte was bij ons niet nodig, maar bel je gemeente vooraf.' },
			{ by: 'sanne', at: 15, body: 'En vraag je DigiD op tijd opnieuw aan, de brief met de code komt per post op je Nederlandse adres!' }
		],
		accepted: 0
	},
	{
		category: 'wellbeing',
		by: 'sanne',
		daysAgo: 30,
		title: 'Eenzaamheid in de eerste maanden',
		body: `Ik wil dit eerlijk delen, omdat ik denk dat meer mensen het herkennen. De eerste maanden in Jakarta vond ik zwaar. Mijn man ging elke ochtend naar de ambassade, de kinderen naar school, en ik zat in een groot huis met niemand om mee te praten. Iedereen zei "wat een avontuur!", en ik voelde me schuldig dat ik het niet zo ervoer.

Wat mij uiteindelijk hielp: elke week één vaste afspraak buiten de deur (een taalcursus), en dit soort gesprekken met mensen die het snappen.

Hoe was dat voor jullie?`,
		reactions: [['amira', 'hug'], ['joost', 'hug'], ['joost', 'heart']],
		replies: [
			{ by: 'amira', at: 3, body: `Thank you for writing this, @sanne-de-vries. In Amman I didn’t leave the house for days in the first month. What helped me was volunteering two mornings a week — it gave my week a shape.`, reactions: [['sanne', 'heart']] },
			{ by: 'joost', at: 10, body: 'Heel herkenbaar, ook voor mannelijke partners trouwens, daar wordt nog minder over gepraat. Als moderator: schroom niet om hier een eigen draadje te beginnen als het niet goed gaat. En de ambassade kan je doorverwijzen naar vertrouwelijke ondersteuning.', reactions: [['sanne', 'thanks'], ['amira', 'thumbs_up']] },
			{ by: 'sanne', at: 14, body: 'Dank jullie, het doet goed om dit te lezen.', quote: 1 }
		]
	},
	{
		category: 'wellbeing',
		by: 'amira',
		daysAgo: 4,
		title: 'Finding a therapist who works online, in English or Dutch',
		body: `Does anyone have experience with online therapy while abroad? I’m looking for someone who understands expat life and works in English or Dutch, and ideally whose fees are covered by Dutch health insurance.`,
		replies: [
			{ by: 'sanne', at: 6, body: 'Ik heb goede ervaringen met een psycholoog die zelf jaren in het buitenland woonde, via video. De vergoeding hing af van mijn aanvullende verzekering. Ik vraag haar of ik haar naam hier mag delen.' }
		]
	},
	{
		category: 'questions-for-the-ministry',
		by: 'joost',
		kind: 'question',
		country: 'KE',
		daysAgo: 12,
		title: 'Komt er een werkafspraak (MoU) met Kenia voor partners?',
		body: `In Kenia is er nog geen MoU of verdrag waarmee partners kunnen werken met behoud van immuniteit. Ik ken hier vier partners die daardoor al jaren niet kunnen werken.

Weet iemand of het ministerie hierover in gesprek is? En zo niet: kunnen we dit als groep meegeven aan de klankbordgroep?`,
		replies: [
			{ by: 'amira', at: 18, body: 'I’ll put it on the agenda for the next sounding-board session. It would help to know how many partners it affects — could people who are posted in countries without an agreement reply here?', reactions: [['joost', 'thanks'], ['sanne', 'thumbs_up']] },
			{ by: 'sanne', at: 30, body: 'Voor Indonesië is er wel iets geregeld, maar ik hoor van partners in Vietnam dat het daar ook ontbreekt.' }
		]
	},
	{
		category: 'questions-for-the-ministry',
		by: 'amira',
		daysAgo: 2,
		title: 'What happened with the results of the partner survey?',
		body: `A few of us filled in the partner survey some time ago. Is there a summary of the results somewhere, and what did the ministry do with them? It would be motivating to see what changed because of our input.`,
		replies: [
			{ by: 'joost', at: 5, body: 'Goede vraag. Ik weet dat de resultaten zijn besproken, onder meer over de vergoeding voor professionele ontwikkeling. Een overzicht "dit zeiden jullie, dit deden wij" zou mooi zijn op deze plek.' }
		]
	},
	{
		category: 'asia-oceania',
		by: 'sanne',
		country: 'ID',
		daysAgo: 3,
		title: 'Jakarta: koffie-ochtend voor partners in maart',
		body: `Voor wie in Jakarta of omgeving zit: we organiseren in maart een koffie-ochtend voor partners, in een café in Kemang (adres volgt in een bericht aan wie zich aanmeldt). Kinderen welkom.

Laat hieronder weten of je erbij bent, dan reserveer ik een tafel.`,
		reactions: [['amira', 'heart']],
		replies: [
			{ by: 'joost', at: 4, body: 'Wat een goed initiatief! Helaas te ver weg voor mij, maar ik zet het door naar een collega die net in Jakarta is aangekomen.' }
		]
	},
	{
		category: 'africa',
		by: 'joost',
		country: 'KE',
		daysAgo: 19,
		title: 'Nairobi: daily life on a compound — experiences?',
		body: `For partners who are about to move to Nairobi: we’ve lived on a compound for two years now. It is safe and the community is nice, but it can also feel like a bubble.

Happy to answer questions about neighbourhoods, schools, getting around and the security briefing you will get on arrival.`,
		replies: [
			{ by: 'amira', at: 22, body: 'We were in a similar situation in Amman. Joining a local sports club was what got us out of the bubble.' }
		]
	},
	{
		category: 'latin-america',
		by: 'amira',
		country: 'CO',
		daysAgo: 10,
		title: 'Spanish lessons in Bogotá — recommendations?',
		body: `My Spanish is holding me back, both socially and for work. Can anyone recommend a school or private teacher in Bogotá, or an online course that worked for you?`,
		replies: [
			{ by: 'sanne', at: 16, body: 'Geen tips voor Bogotá, maar ik leer Indonesisch met een privédocent via video, twee keer per week. Dat werkt voor mij veel beter dan een groepscursus.' },
			{ by: 'joost', at: 40, body: 'In Lima had ik een docent via de ambassade, veel collega’s hadden daar goede ervaringen mee. Vraag bij jullie ambassade of ze een lijst hebben.' }
		]
	},
	{
		category: 'europe-north-america',
		by: 'sanne',
		daysAgo: 1,
		title: 'Op zoek naar partners in Washington en Ottawa',
		body: `Een vriendin verhuist volgende zomer naar Washington met haar partner. Zijn er leden die daar zitten (of in Ottawa) en die ze een keer zou kunnen spreken over de eerste maanden?`,
		replies: []
	}
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Inserts the demo categories and threads. Runs inside seedDemo's transaction, after the accounts. */
export async function seedDiscussion(tx: Tx, now = new Date()): Promise<void> {
	const people = await tx
		.select({ id: users.id, email: users.email, handle: users.handle })
		.from(users)
		.where(inArray(users.email, Object.values(EMAIL)));
	const idOf = {} as Record<Who, string>;
	for (const who of Object.keys(EMAIL) as Who[]) {
		const person = people.find((p) => p.email === EMAIL[who]);
		if (!person) return; // the demo accounts are not there: nothing to write as
		idOf[who] = person.id;
	}
	const handles = new Map(people.filter((p) => p.handle).map((p) => [p.handle!, p.id]));
	const known = new Set(handles.keys());

	const slugToId = new Map<string, number>();
	for (const [position, c] of DEMO_CATEGORIES.entries()) {
		const [row] = await tx.insert(categories).values({ ...c, position }).returning({ id: categories.id });
		slugToId.set(c.slug, row!.id);
	}

	const notes: (typeof notifications.$inferInsert)[] = [];
	for (const t of DEMO_THREADS) {
		const startedAt = new Date(now.getTime() - t.daysAgo * DAY);
		const [thread] = await tx
			.insert(threads)
			.values({
				categoryId: slugToId.get(t.category)!,
				authorId: idOf[t.by],
				kind: t.kind ?? 'discussion',
				title: t.title,
				country: t.country ?? null,
				pinned: t.pinned ?? false,
				createdAt: startedAt,
				lastPostAt: startedAt
			})
			.returning({ id: threads.id });
		const threadId = thread!.id;
		const watchers = new Set<Who>([t.by]);
		const writePost = async (by: Who, at: Date, body: string, title: string | null, quotePostId: number | null) => {
			const [p] = await tx
				.insert(posts)
				.values({ threadId, authorId: idOf[by], title, body, bodyHtml: renderMarkdown(body, { mentions: known }), quotePostId, createdAt: at })
				.returning({ id: posts.id });
			for (const handle of mentionedHandles(body)) {
				const userId = handles.get(handle);
				if (userId && userId !== idOf[by]) notes.push({ userId, kind: 'mention', threadId, postId: p!.id, actorId: idOf[by], createdAt: at });
			}
			return p!.id;
		};
		const openingId = await writePost(t.by, startedAt, t.body, t.title, null);
		const react = async (postId: number, list: [Who, Reaction][] | undefined) => {
			if (list?.length) await tx.insert(reactions).values(list.map(([who, kind]) => ({ postId, userId: idOf[who], kind }))).onConflictDoNothing();
		};
		await react(openingId, t.reactions);
		const replyIds: number[] = [];
		let last = { id: openingId, at: startedAt };
		for (const r of t.replies) {
			const at = new Date(startedAt.getTime() + r.at * HOUR);
			const quote = r.quote === undefined ? null : r.quote < 0 ? openingId : (replyIds[r.quote] ?? openingId);
			const id = await writePost(r.by, at, r.body, null, quote);
			replyIds.push(id);
			await react(id, r.reactions);
			for (const w of watchers)
				if (idOf[w] !== idOf[r.by] && !notes.some((n) => n.userId === idOf[w] && n.postId === id))
					notes.push({ userId: idOf[w], kind: 'reply', threadId, postId: id, actorId: idOf[r.by], createdAt: at });
			watchers.add(r.by);
			last = { id, at };
		}
		const accepted = t.accepted !== undefined ? replyIds[t.accepted] : undefined;
		if (accepted) {
			const answerBy = t.replies[t.accepted!]!.by;
			if (answerBy !== t.by)
				notes.push({ userId: idOf[answerBy], kind: 'answer_accepted', threadId, postId: accepted, actorId: idOf[t.by], createdAt: last.at });
		}
		await tx
			.update(threads)
			.set({ lastPostId: last.id, lastPostAt: last.at, replyCount: t.replies.length, acceptedPostId: accepted ?? null })
			.where(eq(threads.id, threadId));
		await tx.insert(threadWatches).values([...watchers].map((w) => ({ userId: idOf[w], threadId, watching: true })));
		// Everyone has read what is more than three days old; the rest is new to them.
		const readUpTo = [openingId, ...replyIds].filter((_, i) => {
			const at = i === 0 ? startedAt : new Date(startedAt.getTime() + t.replies[i - 1]!.at * HOUR);
			return now.getTime() - at.getTime() > 3 * DAY;
		});
		const mark = readUpTo.at(-1);
		for (const who of Object.keys(idOf) as Who[]) {
			const own = [openingId, ...replyIds].filter((_, i) => (i === 0 ? t.by : t.replies[i - 1]!.by) === who).at(-1);
			const upTo = Math.max(mark ?? 0, own ?? 0);
			if (upTo) await tx.insert(threadReads).values({ userId: idOf[who], threadId, lastReadPostId: upTo });
		}
	}
	if (notes.length) {
		// In time order, so ids (the list's order) follow the clock.
		notes.sort((x, y) => (x.createdAt as Date).getTime() - (y.createdAt as Date).getTime());
		await tx.insert(notifications).values(notes).onConflictDoNothing();
		// What is more than three days old has been seen.
		await tx
			.update(notifications)
			.set({ readAt: sql`${notifications.createdAt} + interval '2 hours'` })
			.where(sql`${notifications.createdAt} < ${new Date(now.getTime() - 3 * DAY).toISOString()}`);
	}
}
