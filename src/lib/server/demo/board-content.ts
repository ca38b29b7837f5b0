import type { Language } from '../../shared/roles';

/**
 * Demo data for the sounding board: the people on it, in its volunteer pool,
 * and on its path (a past term of alumni, some who declined or withdrew), with
 * their diversity profiles and consent. Seeded by board-seed.ts.
 *
 * Days are relative to the day the demo is seeded: negative is in the past.
 * The board that is active now leaves partners with their own business
 * under-represented against the coordinator's targets (one of fifteen, the
 * target is at least 15%), and is within range on everything else; the pool
 * has enough of them for a selection to put that right.
 */

export type WorkAnswer = 'paid_job' | 'own_business' | 'neither' | 'prefer_not_to_say';
export type ChildrenAnswer = 'yes' | 'no' | 'prefer_not_to_say';
export type LanguageAnswer = 'dutch' | 'other' | 'prefer_not_to_say';
/** 'same_sex' and 'other_sex' are stored sealed, after consent; undefined: not answered. */
export type RelationshipAnswer = 'same_sex' | 'other_sex' | 'prefer_not_to_say';

/** One board membership on a person's path, oldest first. Days relative to today. */
export type DemoMembership =
	| { status: 'volunteer'; since: number }
	| { status: 'invited'; since: number; invited: number; reason: string }
	| { status: 'active'; since: number; invited: number; reason: string; start: number; end: number }
	| { status: 'alumni'; since: number; invited: number; reason: string; start: number; end: number }
	| { status: 'declined'; since: number; invited: number; reason: string; declined: number; why: string }
	| {
			status: 'withdrawn';
			since: number;
			/** Set when they were on the board when they left. */
			term?: { invited: number; reason: string; start: number; end: number };
			withdrawn: number;
			by: 'self' | 'coordinator';
			why: string;
	  };

export interface BoardPerson {
	name: string;
	/** Interface language, and the language of their consent. */
	language: Language;
	timeZone: string;
	country: string;
	city: string;
	/** Shows their posting in the member directory. */
	show: boolean;
	speaks: string[];
	bio: string;
	work: WorkAnswer;
	children: ChildrenAnswer;
	languageBackground: LanguageAnswer;
	relationship?: RelationshipAnswer;
	/** Gave the relationship answer once, then withdrew the consent (the answer is gone). */
	consentWithdrawn?: boolean;
	/** The motivation and availability of their (newest) membership. */
	motivation: string;
	/** The motivation of an earlier, closed membership, when they have one. */
	pastMotivation?: string;
	availability: string;
	path: DemoMembership[];
}

// Terms run two years. The current board mostly started a year ago, when the
// alumni below stepped down; three started almost two years ago and end within
// the month; one joined four months ago in a seat that came free.
const CURRENT = { invited: -380, start: -365, end: 365 };
const REASON_DRAW = 'Geloot voor de termijn die vorig jaar begon';
const REASON_EARLIER = 'Geloot voor de termijn die bijna twee jaar geleden begon';
const REASON_ALUMNI = 'Geloot voor de eerste termijn van de klankbordgroep';

/** A demo account made elsewhere (seed.ts, membership-content.ts) that is on the board's path too. */
export interface ExistingBoardPerson extends Pick<BoardPerson, 'work' | 'children' | 'languageBackground' | 'relationship' | 'motivation' | 'availability' | 'path'> {
	email: string;
}

/**
 * board@example.org (Amira Haddad) is on the board; five of the group's other
 * members (membership-content.ts) are in the pool, in their own words.
 */
export const EXISTING_BOARD_PEOPLE: ExistingBoardPerson[] = [
	{
		email: 'board@example.org',
		work: 'paid_job',
		children: 'no',
		languageBackground: 'other',
		relationship: 'same_sex',
		motivation:
			'I have seen from both sides how a posting reshapes a career: mine moved online, my wife’s moved countries. I want the ministry to hear what partners who keep working need, remote work rules, tax and social security above all, and I want the board to sound like all of us, not only the ones who live close to The Hague.',
		availability: 'Tuesday to Thursday, 8:00–11:00 Bogotá time (that is afternoon in The Hague). Video calls are fine.',
		path: [{ status: 'active', since: -420, ...CURRENT, reason: REASON_DRAW }]
	},
	{
		email: 'thomas.okafor@example.org',
		work: 'neither',
		children: 'yes',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation:
			'Security in Abuja decides where you can go and when, so partners here can get very lonely, and fathers at home even more so. I would like to talk about what support there is and whether it reaches partners who do not go looking for it.',
		availability: 'Mornings Abuja time, Monday to Friday.',
		path: [{ status: 'volunteer', since: -40 }]
	},
	{
		email: 'lotte.visser@example.org',
		work: 'neither',
		children: 'yes',
		languageBackground: 'dutch',
		relationship: 'other_sex',
		motivation: 'Het tijdsverschil met Nederland maakt overleg lastig, maar ik vind het belangrijk dat partners in Oceanië ook een stem hebben. En over verhuizen met drie kinderen en een hond kan ik een boek schrijven.',
		availability: 'Avonden na 20.00 uur Canberra-tijd.',
		path: [{ status: 'volunteer', since: -15 }]
	},
	{
		email: 'ruben.hoekstra@example.org',
		work: 'own_business',
		children: 'no',
		languageBackground: 'dutch',
		relationship: 'same_sex',
		motivation:
			'Als fotograaf met een eigen bedrijf wil ik hier aan het werk, maar de vraag of dat mag op ons visum ligt al maanden bij drie loketten. Ik denk dat het ministerie partners met een eigen zaak veel beter kan informeren, en daar wil ik aan meewerken.',
		availability: 'Zondag tot donderdag, na 16.00 uur Amman-tijd.',
		path: [{ status: 'volunteer', since: -22 }]
	},
	{
		email: 'mei-ling.chen@example.org',
		work: 'own_business',
		children: 'no',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation: 'I teach Mandarin online, so my business moves with us. Partners who are self-employed are invisible in most arrangements; I would like to change that.',
		availability: 'Weekday afternoons Beijing time.',
		path: [{ status: 'volunteer', since: -95 }]
	},
	{
		email: 'emma.degroot@example.org',
		work: 'neither',
		children: 'no',
		languageBackground: 'dutch',
		motivation: 'Ik ben net aangekomen, dus misschien is het wat vroeg. Maar juist nieuwe partners zien wat er in de eerste maanden ontbreekt, en dat wil ik graag doorgeven.',
		availability: 'Doordeweeks overdag, tot ik werk of vrijwilligerswerk heb gevonden.',
		path: [{ status: 'volunteer', since: -10 }]
	}
];

export const BOARD_PEOPLE: BoardPerson[] = [
	// ── The active board ────────────────────────────────────────────────
	{
		name: 'Willemijn de Boer',
		language: 'nl',
		timeZone: 'Europe/Brussels',
		country: 'BE',
		city: 'Brussel',
		show: true,
		speaks: ['nl', 'fr', 'en'],
		bio: 'Beleidsadviseur bij een Brusselse koepelorganisatie, moeder van twee. Mijn man werkt bij de Permanente Vertegenwoordiging.',
		work: 'paid_job',
		children: 'yes',
		languageBackground: 'dutch',
		relationship: 'other_sex',
		motivation:
			'Ik woon op een post die op Nederland lijkt en juist daardoor valt op hoe anders het voor partners verder weg is. Ik wil graag meedenken over de regeling voor werken op een standplaats en over de terugkeer naar Nederland.',
		availability: 'Maandag- en donderdagavond na 20.00 uur; overdag alleen met een paar weken vooraankondiging.',
		path: [{ status: 'active', since: -760, invited: -745, reason: REASON_EARLIER, start: -721, end: 9 }]
	},
	{
		name: 'Kwame Asante',
		language: 'en',
		timeZone: 'Africa/Kampala',
		country: 'UG',
		city: 'Kampala',
		show: true,
		speaks: ['en', 'tw', 'nl'],
		bio: 'Ghanaian, married to a Dutch diplomat for twelve years. At home with our three boys in Kampala; I coach the under-10 football team.',
		work: 'neither',
		children: 'yes',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation:
			'Most partners’ events still assume the partner is a woman who wants coffee mornings. I am a dad who cooks, drives to school and helps with homework in a language I am still learning. I would like the ministry to see partners like me too.',
		availability: 'School hours, 9:00–14:00 Kampala time, any weekday except Friday.',
		path: [{ status: 'active', since: -410, ...CURRENT, reason: REASON_DRAW }]
	},
	{
		name: 'Noor Bouzid',
		language: 'nl',
		timeZone: 'Africa/Casablanca',
		country: 'MA',
		city: 'Rabat',
		show: false,
		speaks: ['nl', 'ar', 'fr', 'en'],
		bio: 'Opgegroeid in Utrecht, nu met ons gezin in Rabat. Was wijkverpleegkundige; nu vooral moeder en mantelzorger op afstand.',
		work: 'neither',
		children: 'yes',
		languageBackground: 'dutch',
		relationship: 'prefer_not_to_say',
		motivation:
			'Mijn vader woont alleen in Utrecht en wordt ouder. Zorgen op afstand is iets waar veel partners mee worstelen en waar bijna geen regeling voor is. Dat wil ik op tafel krijgen.',
		availability: 'Woensdag- en vrijdagochtend. Niet tijdens de ramadan in de avond.',
		path: [{ status: 'active', since: -770, invited: -745, reason: REASON_EARLIER, start: -713, end: 17 }]
	},
	{
		name: 'Bas Kuipers',
		language: 'nl',
		timeZone: 'Africa/Johannesburg',
		country: 'ZA',
		city: 'Pretoria',
		show: true,
		speaks: ['nl', 'en', 'af'],
		bio: 'Constructeur, werk op afstand voor een ingenieursbureau in Delft. Met mijn man in Pretoria sinds 2024.',
		work: 'paid_job',
		children: 'no',
		languageBackground: 'dutch',
		relationship: 'same_sex',
		motivation:
			'Werken op afstand vanaf een post kan, maar pas na maanden uitzoeken: belasting, sociale verzekeringen, een werkgever die het aandurft. Ik heb dat allemaal al eens uitgezocht en deel het graag. En ik vind het belangrijk dat mannelijke partners, en partners van een man, aan tafel zitten.',
		availability: 'Elke werkdag tussen 12.00 en 13.00 uur, of na 17.00 uur.',
		path: [{ status: 'active', since: -400, ...CURRENT, reason: REASON_DRAW }]
	},
	{
		name: 'Yasmin Darwish',
		language: 'en',
		timeZone: 'Asia/Beirut',
		country: 'LB',
		city: 'Beirut',
		show: false,
		speaks: ['ar', 'en', 'fr', 'nl'],
		bio: 'Programme officer at a humanitarian NGO, mother of a toddler, married to a Dutchman who works at the embassy. Beirut is home in every sense.',
		work: 'paid_job',
		children: 'yes',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation:
			'When the security situation changed last year we had to decide within a day whether I would leave with our daughter. The guidance was written for Dutch families, not for a partner whose own family lives here. I want the next crisis plan to work for people like us.',
		availability: 'Evenings after 19:00 Beirut time, once the little one sleeps. Not on Sundays.',
		path: [{ status: 'active', since: -395, ...CURRENT, reason: REASON_DRAW }]
	},
	{
		name: 'Femke Mulder',
		language: 'nl',
		timeZone: 'Asia/Riyadh',
		country: 'SA',
		city: 'Riyad',
		show: false,
		speaks: ['nl', 'en'],
		bio: 'Moeder van drie, vierde post. Vroeger HR-manager, nu vrijwilliger bij de internationale school.',
		work: 'neither',
		children: 'yes',
		languageBackground: 'dutch',
		relationship: 'other_sex',
		motivation:
			'Vier keer verhuisd, vier keer opnieuw begonnen. Ik weet inmiddels wat goed gaat en wat beter kan, vooral rond onderwijs voor de kinderen en werk voor de partner. Graag denk ik mee.',
		availability: 'Zondag tot en met donderdag tussen 9.00 en 13.00 uur Riyad-tijd.',
		path: [{ status: 'active', since: -765, invited: -745, reason: REASON_EARLIER, start: -704, end: 26 }]
	},
	{
		name: 'Priya Raman',
		language: 'en',
		timeZone: 'Asia/Kolkata',
		country: 'IN',
		city: 'New Delhi',
		show: true,
		speaks: ['en', 'hi', 'ta', 'nl'],
		bio: 'Data analyst for a public-health foundation. Grew up in Chennai, lived in Amsterdam for eight years, now back in India with my Dutch husband.',
		work: 'paid_job',
		children: 'no',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation:
			'Being posted to your own country as the foreign spouse is a special case no one prepares you for: suddenly you are the diplomat’s wife in the city where your parents live. I also work with survey data for a living, so I would enjoy helping the board read the numbers properly.',
		availability: 'Weekday evenings India time (from 18:30), or Saturday mornings.',
		path: [{ status: 'active', since: -390, ...CURRENT, reason: REASON_DRAW }]
	},
	{
		name: 'Jeroen van Leeuwen',
		language: 'nl',
		timeZone: 'Asia/Ho_Chi_Minh',
		country: 'VN',
		city: 'Hanoi',
		show: true,
		speaks: ['nl', 'en'],
		bio: 'Thuisvader van twee meiden en in het weekend fietsgids. Gestopt als leraar aardrijkskunde voor deze post.',
		work: 'neither',
		children: 'yes',
		languageBackground: 'dutch',
		relationship: 'other_sex',
		motivation: 'Ik ben gestopt met een vaste baan om mee te gaan. Dat was een bewuste keuze, maar mijn pensioenopbouw en mijn bevoegdheid staan nu stil. Daar wil ik het met het ministerie over hebben.',
		availability: 'Dinsdag en donderdag 9.00–11.30 uur Hanoi-tijd.',
		path: [{ status: 'active', since: -405, ...CURRENT, reason: REASON_DRAW }]
	},
	{
		name: 'Karin Vos',
		language: 'nl',
		timeZone: 'Asia/Seoul',
		country: 'KR',
		city: 'Seoul',
		show: false,
		speaks: ['nl', 'en', 'de'],
		bio: 'Eigen administratiekantoor, volledig online, met klanten in Nederland en Duitsland. Tweede post.',
		work: 'own_business',
		children: 'no',
		languageBackground: 'dutch',
		motivation:
			'Als zzp’er loop je tegen heel andere dingen aan dan partners in loondienst: een KvK-inschrijving op een Nederlands adres dat je niet meer hebt, btw, verzekeringen. Ik wil dat geluid in de klankbordgroep brengen.',
		availability: 'Lastig door het tijdsverschil: liefst vroeg in de avond Seoel-tijd, dat is ochtend in Den Haag.',
		path: [{ status: 'active', since: -398, ...CURRENT, reason: REASON_DRAW }]
	},
	{
		name: 'Marta Kowalczyk',
		language: 'en',
		timeZone: 'America/Toronto',
		country: 'CA',
		city: 'Ottawa',
		show: true,
		speaks: ['pl', 'en', 'nl', 'fr'],
		bio: 'Pharmacist, working again since Canada recognised my diploma (it took eleven months). Polish, married to a Dutchman, one son.',
		work: 'paid_job',
		children: 'yes',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation:
			'Getting a foreign diploma recognised during a posting is a job in itself. I kept a list of every step and every fee; I would like the ministry to use lists like mine to help the next partner. Also: not every partner is Dutch, and the information should not assume we are.',
		availability: 'Mondays and Wednesdays after 16:00 Ottawa time; my shifts change monthly, so earlier notice helps.',
		path: [{ status: 'active', since: -402, ...CURRENT, reason: REASON_DRAW }]
	},
	{
		name: 'Sjoerd Wiersma',
		language: 'nl',
		timeZone: 'America/Paramaribo',
		country: 'SR',
		city: 'Paramaribo',
		show: true,
		speaks: ['nl', 'fy', 'en'],
		bio: 'Fries, thuis met de kinderen en vrijwilliger bij een voetbalclub. Eerste post.',
		work: 'neither',
		children: 'yes',
		languageBackground: 'dutch',
		relationship: 'other_sex',
		motivation: 'Eerste post, dus ik kijk nog met frisse ogen. Wat mij opviel: de voorbereiding gaat bijna alleen over de medewerker. Partners horen veel later wat er geregeld is.',
		availability: 'Flexibel, behalve woensdagmiddag (training).',
		path: [{ status: 'active', since: -399, ...CURRENT, reason: REASON_DRAW }]
	},
	{
		name: 'Eline Bos',
		language: 'nl',
		timeZone: 'Pacific/Auckland',
		country: 'NZ',
		city: 'Wellington',
		show: true,
		speaks: ['nl', 'en'],
		bio: 'Fysiotherapeut, werk drie dagen in een praktijk in Wellington. Twee kinderen, één hond, veel regen.',
		work: 'paid_job',
		children: 'yes',
		languageBackground: 'dutch',
		relationship: 'other_sex',
		motivation:
			'Vanuit Nieuw-Zeeland voelt alles ver weg, ook de klankbordgroep. Juist daarom wil ik erin: om te laten zien dat overleg op afstand kan, als je er rekening mee houdt dat wij twaalf uur voorlopen.',
		availability: 'Avonden vanaf 20.00 uur Wellington-tijd (ochtend in Nederland). Maandag en dinsdag werk ik niet.',
		path: [{ status: 'active', since: -404, ...CURRENT, reason: REASON_DRAW }]
	},
	{
		name: 'Maarten de Jong',
		language: 'nl',
		timeZone: 'Europe/Warsaw',
		country: 'PL',
		city: 'Warschau',
		show: true,
		speaks: ['nl', 'en', 'pl'],
		bio: 'Stopte als projectleider bij de gemeente Zwolle om mee te gaan naar Warschau. Leert Pools, met wisselend succes.',
		work: 'neither',
		children: 'no',
		languageBackground: 'dutch',
		relationship: 'other_sex',
		motivation: 'Ik zat al in de pool en werd opvolger toen er een plek vrijkwam. Ik ben benieuwd wat de groep al bereikt heeft, en wil vooral helpen om dingen ook echt af te maken.',
		availability: 'Doordeweeks overdag, vrijwel altijd.',
		path: [{ status: 'active', since: -300, invited: -127, reason: 'Opvolger voor de vrijgekomen plek van Aylin Yıldız (volgende op de lijst van alternates)', start: -120, end: 365 }]
	},
	{
		name: 'Olga Petrenko',
		language: 'en',
		timeZone: 'Europe/Berlin',
		country: 'DE',
		city: 'Berlin',
		show: true,
		speaks: ['uk', 'ru', 'en', 'de', 'nl'],
		bio: 'Ukrainian, translator and interpreter, mother of twins. We came to Berlin from Kyiv, where my husband was posted when the war began.',
		work: 'paid_job',
		children: 'yes',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation:
			'We left Kyiv in a hurry in February 2022. I know what an evacuation means for a partner and for children, and what happens to your job and your papers afterwards. I would like that experience to count for something.',
		availability: 'Friday mornings, or any evening with a week’s notice.',
		path: [{ status: 'active', since: -388, ...CURRENT, reason: REASON_DRAW }]
	},

	// ── Invited, to succeed the members whose terms end this month ─────────
	{
		name: 'Samira Ouali',
		language: 'nl',
		timeZone: 'Africa/Tunis',
		country: 'TN',
		city: 'Tunis',
		show: false,
		speaks: ['nl', 'ar', 'fr', 'en'],
		bio: 'Eigen bureau voor webteksten en vertalingen. Sinds vorig jaar in Tunis met mijn man.',
		work: 'own_business',
		children: 'no',
		languageBackground: 'dutch',
		relationship: 'other_sex',
		motivation:
			'Mijn bedrijf verhuist elke vier jaar mee. Dat kan, maar het kost veel meer uitzoekwerk dan nodig zou moeten zijn. Ik zou graag samen met andere ondernemers een lijstje maken van wat het ministerie daarin kan doen.',
		availability: 'Maandag t/m donderdag, liefst tussen 10.00 en 15.00 uur.',
		path: [{ status: 'invited', since: -150, invited: -6, reason: 'Uitgenodigd als opvolger van Willemijn de Boer; er zit nu één ondernemer in de groep, het doel is minstens 15%' }]
	},
	{
		name: 'Lucía Fernández',
		language: 'en',
		timeZone: 'America/Argentina/Buenos_Aires',
		country: 'AR',
		city: 'Buenos Aires',
		show: false,
		speaks: ['es', 'en', 'nl'],
		bio: 'Argentinian, teaches Spanish online to students in the Netherlands. Mother of two; we are on our second posting.',
		work: 'own_business',
		children: 'yes',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation:
			'I run a small online language school that I started in Utrecht and took with me. I would like to speak for partners who build their own work because a job is not possible where we are posted.',
		availability: 'Late afternoons Buenos Aires time, Monday to Thursday.',
		path: [{ status: 'invited', since: -210, invited: -6, reason: 'Uitgenodigd als opvolger van Noor Bouzid' }]
	},

	// ── The volunteer pool ──────────────────────────────────────────────
	{
		name: 'Renske Hofman',
		language: 'nl',
		timeZone: 'Asia/Jakarta',
		country: 'ID',
		city: 'Jakarta',
		show: true,
		speaks: ['nl', 'en', 'id'],
		bio: 'Communicatieadviseur zonder werk, voorlopig. Zoekt in Jakarta naar iets zinnigs om te doen.',
		work: 'neither',
		children: 'no',
		languageBackground: 'dutch',
		relationship: 'other_sex',
		motivation:
			'Ik had een vaste baan bij een ministerie en dacht dat ik vanaf hier op afstand kon blijven werken. Twee maanden na aankomst kwam het bericht dat dat toch niet mocht, vanwege de beveiliging van de systemen. Toen was ik mijn baan kwijt. Ik wil niet klagen, maar wel dat het volgende partners niet op deze manier overkomt: dit moet vóór vertrek duidelijk zijn.',
		availability: 'Vrijwel altijd; ik heb helaas tijd genoeg. Liefst niet na 22.00 uur Jakarta-tijd.',
		path: [{ status: 'volunteer', since: -45 }]
	},
	{
		name: 'Wouter Peters',
		language: 'nl',
		timeZone: 'Africa/Nairobi',
		country: 'KE',
		city: 'Nairobi',
		show: false,
		speaks: ['nl', 'en'],
		bio: 'Vader van drie, thuis in Nairobi. Was accountmanager.',
		work: 'neither',
		children: 'yes',
		languageBackground: 'dutch',
		relationship: 'other_sex',
		motivation:
			'Drie kinderen (4, 7 en 10), een vrouw met lange dagen op de ambassade, en ik die thuis alles regelt. Ik merk dat ik als vader vaak buiten de boot val: de appgroepjes van school zijn van de moeders en de partnerbijeenkomsten zijn om 10.00 uur ’s ochtends, als ik de jongste net heb opgehaald. Ik wil graag meepraten over hoe het ministerie partners bereikt.',
		availability: 'Tijdens schooltijd, 8.30–12.00 uur Nairobi-tijd. Soms ’s avonds, als ze eindelijk slapen.',
		path: [{ status: 'volunteer', since: -30 }]
	},
	{
		name: 'Martijn Vermeulen',
		language: 'nl',
		timeZone: 'Asia/Qatar',
		country: 'QA',
		city: 'Doha',
		show: false,
		speaks: ['nl', 'en'],
		bio: 'Woont met zijn man in de Golf. Houdt het verder graag klein.',
		work: 'neither',
		children: 'no',
		languageBackground: 'dutch',
		relationship: 'same_sex',
		motivation:
			'Hier ben ik officieel geen partner maar "huisgenoot". Ik mocht niet mee op het diplomatieke visum, dus ik reis elke maand het land uit en weer in. Werken kan niet en we zijn voorzichtig met wat we zeggen. Het ministerie heeft ons goed geholpen, maar veel hing af van één behulpzame collega. Dat zou vastgelegd moeten zijn, zodat het niet van geluk afhangt.',
		availability: 'Flexibel. Graag een verbinding waarbij niet iedereen mijn naam en beeld ziet.',
		path: [{ status: 'volunteer', since: -88 }]
	},
	{
		name: 'Iris Timmermans',
		language: 'nl',
		timeZone: 'America/Bogota',
		country: 'CO',
		city: 'Bogotá',
		show: false,
		speaks: ['nl', 'es', 'en'],
		bio: 'Runt een webwinkel in Nederlands design vanuit Bogotá. Moeder van een zoon van vijf.',
		work: 'own_business',
		children: 'yes',
		languageBackground: 'dutch',
		relationship: 'other_sex',
		motivation:
			'Mijn webwinkel draait op Nederlandse klanten, een Nederlands magazijn en een Colombiaanse laptop. Het kan, maar ik heb lang niet geweten of ik hier belasting moest betalen en of ik verzekerd was. Ik wil andere ondernemende partners helpen die dat nu uitzoeken, en ik denk dat het ministerie ons beter kan informeren.',
		availability: 'Ochtenden Bogotá-tijd, dat is middag in Nederland. Niet op maandag (dan verstuur ik).',
		path: [{ status: 'volunteer', since: -60 }]
	},
	{
		name: 'Chiara Rossi',
		language: 'en',
		timeZone: 'Europe/Rome',
		country: 'IT',
		city: 'Rome',
		show: true,
		speaks: ['it', 'en', 'nl'],
		bio: 'Architect with my own small studio. Italian, lived in Rotterdam for ten years before we came to Rome.',
		work: 'own_business',
		children: 'yes',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation: 'Rome is my home country and my husband’s posting, which makes me an unusual partner. Happy to help where I can.',
		availability: 'Thursday afternoons.',
		path: [{ status: 'volunteer', since: -120 }]
	},
	{
		name: 'Tessa van Rijn',
		language: 'nl',
		timeZone: 'America/New_York',
		country: 'US',
		city: 'New York',
		show: true,
		speaks: ['nl', 'en'],
		bio: 'Jurist bij een internationale organisatie in New York. Getrouwd met Merel, die bij de Permanente Vertegenwoordiging werkt.',
		work: 'paid_job',
		children: 'no',
		languageBackground: 'dutch',
		relationship: 'same_sex',
		motivation:
			'Bij onze vorige post werd mijn vrouw bij een receptie drie keer gevraagd waar haar man was. Klein, maar het zegt iets. Ik wil graag meedenken over hoe de informatie en de bijeenkomsten voor partners voor iedereen kloppen.',
		availability: 'Vrijdagmiddag New Yorkse tijd of in het weekend.',
		path: [{ status: 'volunteer', since: -20 }]
	},
	{
		name: 'Kofi Boateng',
		language: 'en',
		timeZone: 'Africa/Addis_Ababa',
		country: 'ET',
		city: 'Addis Ababa',
		show: false,
		speaks: ['en', 'tw', 'am', 'nl'],
		bio: 'Agronomist at an international research institute. Father of a baby daughter.',
		work: 'paid_job',
		children: 'yes',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation: 'I found work here through my own network, not through any scheme, and I think the ministry could learn from how other countries help partners find jobs at a posting. I would like to bring examples.',
		availability: 'Lunchtime Addis time, or early evening.',
		path: [{ status: 'volunteer', since: -140 }]
	},
	{
		name: 'Linde Vermeer',
		language: 'nl',
		timeZone: 'Australia/Sydney',
		country: 'AU',
		city: 'Sydney',
		show: false,
		speaks: ['nl', 'en'],
		bio: 'Verpleegkundige op een spoedeisende hulp in Sydney. Moeder van een dochter van drie.',
		work: 'paid_job',
		children: 'yes',
		languageBackground: 'dutch',
		relationship: 'prefer_not_to_say',
		motivation: 'Graag. Werk in ploegendiensten, dus ik kan niet alles, maar wel af en toe.',
		availability: 'Wisselend per week; ik geef mijn rooster een maand vooruit door.',
		path: [{ status: 'volunteer', since: -12 }]
	},
	{
		name: 'Yusuf Demir',
		language: 'nl',
		timeZone: 'Europe/Istanbul',
		country: 'TR',
		city: 'Ankara',
		show: true,
		speaks: ['nl', 'tr', 'en'],
		bio: 'Rotterdammer met Turkse ouders, nu met vrouw en kinderen in Ankara. Werkte in de logistiek.',
		work: 'neither',
		children: 'yes',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation:
			'Iedereen denkt dat ik het hier makkelijk heb omdat ik de taal spreek. Deels waar, maar ik ben hier toch een buitenlander met een diplomatiek paspoort en zonder werkvergunning. Ik wil graag laten horen dat partners met een migratieachtergrond hun eigen vragen hebben.',
		availability: 'Ochtenden, behalve vrijdag.',
		path: [{ status: 'volunteer', since: -66 }]
	},
	{
		name: 'Esther Cohen',
		language: 'en',
		timeZone: 'Asia/Jerusalem',
		country: 'IL',
		city: 'Tel Aviv',
		show: false,
		speaks: ['en', 'he', 'nl'],
		bio: 'Software engineer, working remotely for a company in Eindhoven. No kids, one very loud cat.',
		work: 'paid_job',
		children: 'no',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation: 'Remote work from a posting saved my career. The rules around it were unclear and changed twice while we were here; I want to help make them clear and stable.',
		availability: 'Sunday to Thursday evenings Israel time.',
		path: [{ status: 'volunteer', since: -33 }]
	},
	{
		name: 'Maud Smits',
		language: 'nl',
		timeZone: 'Asia/Shanghai',
		country: 'CN',
		city: 'Shanghai',
		show: true,
		speaks: ['nl', 'en', 'zh'],
		bio: 'Moeder van twee, leert Mandarijn. Was marketingmanager.',
		work: 'neither',
		children: 'yes',
		languageBackground: 'dutch',
		relationship: 'other_sex',
		motivation:
			'Werken mag hier niet op ons visum. Dat wist ik, en toch valt het zwaarder dan gedacht, vooral het gevoel dat je cv stilstaat. Ik wil graag meedenken over de vergoeding voor professionele ontwikkeling: wat werkt er nu echt, voor wie niet kán werken?',
		availability: 'Ochtenden Shanghai-tijd; ’s avonds lukt ook, na 21.00 uur.',
		path: [{ status: 'volunteer', since: -50 }]
	},
	{
		name: 'Hiroshi Tanaka',
		language: 'en',
		timeZone: 'Asia/Tokyo',
		country: 'JP',
		city: 'Tokyo',
		show: false,
		speaks: ['ja', 'en', 'nl'],
		bio: 'Japanese, product designer. Back in Tokyo after six years in the Netherlands, now as a diplomat’s husband.',
		work: 'paid_job',
		children: 'no',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation: 'Short version: I would like to help. Longer version: I speak Japanese and Dutch, and I can explain to the board how a posting looks for a partner who is at home in the host country but a foreigner at the embassy.',
		availability: 'Weekday evenings, 19:00–21:00 Tokyo time.',
		path: [{ status: 'volunteer', since: -25 }]
	},
	{
		name: 'Bram Visscher',
		language: 'nl',
		timeZone: 'America/Sao_Paulo',
		country: 'BR',
		city: 'Brasília',
		show: true,
		speaks: ['nl', 'pt', 'en'],
		bio: 'Meubelontwerper met een eigen werkplaats aan huis. Met mijn man en onze twee geadopteerde kinderen in Brasília.',
		work: 'own_business',
		children: 'yes',
		languageBackground: 'dutch',
		relationship: 'same_sex',
		motivation:
			'Twee vaders, twee kinderen en een werkplaats: wij passen in geen enkel standaardformulier. Bij de verhuizing moesten we elke keer uitleggen hoe ons gezin in elkaar zit, en welke papieren de kinderen nodig hadden. Ik denk graag mee over hoe dat soepeler kan, voor alle soorten gezinnen.',
		availability: 'Dinsdag- en donderdagochtend Brasília-tijd.',
		path: [{ status: 'volunteer', since: -110 }]
	},
	{
		name: 'Nadia Rahman',
		language: 'en',
		timeZone: 'Asia/Kuala_Lumpur',
		country: 'MY',
		city: 'Kuala Lumpur',
		show: false,
		speaks: ['en', 'ms', 'nl'],
		bio: 'Mother of three, former primary-school teacher, first posting.',
		work: 'neither',
		children: 'yes',
		languageBackground: 'other',
		relationship: 'prefer_not_to_say',
		motivation:
			'I am new to all of this and still finding my way, which may be useful: I can tell the board what the first months feel like for someone who did not grow up with the ministry’s way of doing things. What helped me most was other partners, not the official information.',
		availability: 'Mornings Kuala Lumpur time while the children are at school.',
		path: [{ status: 'volunteer', since: -8 }]
	},
	{
		name: 'Joyce Kramer',
		language: 'nl',
		timeZone: 'Africa/Accra',
		country: 'GH',
		city: 'Accra',
		show: false,
		speaks: ['nl', 'en'],
		bio: 'Docent Engels op een internationale school in Accra. Moeder van een zoon.',
		work: 'paid_job',
		children: 'yes',
		languageBackground: 'dutch',
		relationship: 'other_sex',
		motivation: 'Ik heb hier vrij snel werk gevonden, maar pas na een lang traject voor de werkvergunning. Ik vertel graag hoe dat ging.',
		availability: 'Na 15.30 uur Accra-tijd, doordeweeks.',
		path: [{ status: 'volunteer', since: -71 }]
	},
	{
		name: 'Sophie Lambert',
		language: 'en',
		timeZone: 'Africa/Dakar',
		country: 'SN',
		city: 'Dakar',
		show: true,
		speaks: ['fr', 'en', 'nl', 'wo'],
		bio: 'Belgian photographer with my own small studio. Dakar is our second African posting.',
		work: 'own_business',
		children: 'no',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation:
			'Photography travels well, paperwork does not. I have registered a business in three countries now and would be glad to share what I learned, and to push for clearer information on what a partner may and may not do commercially while on a diplomatic visa.',
		availability: 'Flexible, but not in the rainy-season weeks when I work on location (July–September).',
		path: [{ status: 'volunteer', since: -130 }]
	},
	{
		name: 'Rosa Dijkman',
		language: 'nl',
		timeZone: 'Africa/Cairo',
		country: 'EG',
		city: 'Caïro',
		show: false,
		speaks: ['nl', 'en', 'ar'],
		bio: 'Beleidsmedewerker bij een waterschap, werkt op afstand vanuit Caïro.',
		work: 'paid_job',
		children: 'no',
		languageBackground: 'dutch',
		motivation:
			'Mijn werkgever werkte mee, maar alleen nadat ik zelf had uitgezocht hoe het zat met belasting en verzekeringen. Een checklist van het ministerie had me weken gescheeld. Die wil ik helpen maken.',
		availability: 'Maandag- en woensdagmiddag.',
		path: [{ status: 'volunteer', since: -57 }]
	},
	{
		name: 'Ingeborg Schuurman',
		language: 'nl',
		timeZone: 'Europe/Oslo',
		country: 'NO',
		city: 'Oslo',
		show: false,
		speaks: ['nl', 'no', 'en'],
		bio: 'Onderzoeker aan de universiteit van Oslo.',
		work: 'paid_job',
		children: 'no',
		languageBackground: 'dutch',
		relationship: 'other_sex',
		motivation: 'Ik werk hier gewoon door, dus ik ben geen typisch geval. Maar ik kan goed luisteren en notuleren.',
		availability: 'Vrijdag.',
		path: [{ status: 'volunteer', since: -100 }]
	},
	{
		name: 'Marleen Kok',
		language: 'nl',
		timeZone: 'Europe/Madrid',
		country: 'ES',
		city: 'Madrid',
		show: false,
		speaks: ['nl', 'en', 'es'],
		bio: 'Net aangekomen in Madrid met man en twee kinderen. Zoekt nog haar draai.',
		work: 'neither',
		children: 'yes',
		languageBackground: 'dutch',
		relationship: 'prefer_not_to_say',
		motivation: 'We zijn hier net, alles is nieuw. Ik meld me aan omdat ik vind dat juist nieuwe partners gehoord moeten worden, nu alles nog vers is.',
		availability: 'Weet ik nog niet precies; de schooltijden hier zijn anders dan thuis.',
		path: [{ status: 'volunteer', since: -5 }]
	},
	{
		name: 'Grace Wanjiru',
		language: 'en',
		timeZone: 'Africa/Dar_es_Salaam',
		country: 'TZ',
		city: 'Dar es Salaam',
		show: true,
		speaks: ['en', 'sw', 'nl'],
		bio: 'Kenyan, runs a small catering business. Married to a Dutch agricultural attaché, mother of two.',
		work: 'own_business',
		children: 'yes',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation:
			'I started a catering business at our last posting and had to close it when we moved. Now I am starting again in Dar es Salaam. I would like the ministry to understand that for partners like me, every move means losing our customers, not only our house.',
		availability: 'Monday and Tuesday afternoons.',
		path: [{ status: 'volunteer', since: -85 }]
	},
	{
		name: 'Pedro Alves',
		language: 'en',
		timeZone: 'Africa/Luanda',
		country: 'AO',
		city: 'Luanda',
		show: true,
		speaks: ['pt', 'en', 'nl'],
		bio: 'Portuguese civil engineer working for a construction company in Luanda. Two children.',
		work: 'paid_job',
		children: 'yes',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation: 'Because I speak Portuguese I found work here easily. Many partners are less lucky. Happy to contribute.',
		availability: 'Evenings.',
		path: [{ status: 'volunteer', since: -150 }]
	},
	{
		name: 'Jasper Willems',
		language: 'nl',
		timeZone: 'Asia/Bangkok',
		country: 'TH',
		city: 'Bangkok',
		show: false,
		speaks: ['nl', 'en', 'th'],
		bio: 'Thuisvader in Bangkok, was leraar. Twee kinderen op de internationale school.',
		work: 'neither',
		children: 'yes',
		languageBackground: 'dutch',
		relationship: 'other_sex',
		motivation: 'Over schoolkeuze en schoolgeld op een post weet ik inmiddels te veel. Daar wil ik iets nuttigs mee doen.',
		availability: 'Schooltijden, Bangkok-tijd.',
		path: [{ status: 'volunteer', since: -36 }]
	},
	{
		name: 'Lisa Huisman',
		language: 'nl',
		timeZone: 'Asia/Manila',
		country: 'PH',
		city: 'Manilla',
		show: false,
		speaks: ['nl', 'en'],
		bio: 'HR-adviseur, werkt op afstand voor een zorggroep in Brabant.',
		work: 'paid_job',
		children: 'no',
		languageBackground: 'dutch',
		relationship: 'other_sex',
		motivation:
			'Mijn werkdag begint als die van mijn collega’s in Nederland begint: om drie uur ’s middags hier. Dat houd ik niet eeuwig vol. Ik zou graag zien dat het ministerie met werkgevers praat over werken op afstand vanuit andere tijdzones.',
		availability: 'Ochtenden Manilla-tijd, voor mijn werkdag begint.',
		path: [{ status: 'volunteer', since: -63 }]
	},
	{
		name: 'Camila Duarte',
		language: 'en',
		timeZone: 'America/Sao_Paulo',
		country: 'BR',
		city: 'São Paulo',
		show: true,
		speaks: ['pt', 'en', 'nl'],
		bio: 'Brazilian lawyer, mother of one. We moved to São Paulo from The Hague last year.',
		work: 'paid_job',
		children: 'yes',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation: 'Being posted to my own country turned my husband into the foreigner and me into the guide. I want to help the board hear from partners who are not Dutch.',
		availability: 'Wednesday evenings São Paulo time.',
		path: [{ status: 'volunteer', since: -44 }]
	},
	{
		name: 'Daphne Verhoef',
		language: 'nl',
		timeZone: 'America/New_York',
		country: 'US',
		city: 'Miami',
		show: false,
		speaks: ['nl', 'en'],
		bio: 'Yogadocent met een eigen online studio. Woont met haar vriend in Miami.',
		work: 'own_business',
		children: 'no',
		languageBackground: 'dutch',
		relationship: 'other_sex',
		motivation:
			'Wij zijn niet getrouwd en dat bleek bij de uitzending meer uit te maken dan we dachten: voor het visum, de verzekering, de vergoedingen. Ik wil graag meedenken over hoe partners zonder trouwboekje even goed geholpen worden.',
		availability: 'Ochtenden, Miami-tijd.',
		path: [{ status: 'volunteer', since: -27 }]
	},
	{
		name: 'Oliver Grant',
		language: 'en',
		timeZone: 'America/Costa_Rica',
		country: 'CR',
		city: 'San José',
		show: false,
		speaks: ['en', 'es', 'nl'],
		bio: 'British, at home with our two children. Previously a journalist.',
		work: 'neither',
		children: 'yes',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation: 'I used to interview people for a living, so I am used to asking the question behind the question. I would like to put that to use for the partners here.',
		availability: 'Mornings Costa Rica time.',
		path: [{ status: 'volunteer', since: -90 }]
	},
	{
		name: 'Mereana Walker',
		language: 'en',
		timeZone: 'Pacific/Auckland',
		country: 'NZ',
		city: 'Wellington',
		show: true,
		speaks: ['en', 'mi', 'nl'],
		bio: 'New Zealander, Ngāti Porou. Teacher at a kura in Wellington; our son was born in Utrecht.',
		work: 'paid_job',
		children: 'yes',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation:
			'We met in the Netherlands and now we are posted to my country. I know what it is like to be the partner who does not speak the language, and now what it is like to watch my husband go through it. I would like to bring both sides.',
		availability: 'After school, 16:00–18:00 Wellington time.',
		path: [{ status: 'volunteer', since: -52 }]
	},
	{
		name: 'Koen de Wit',
		language: 'nl',
		timeZone: 'Asia/Singapore',
		country: 'SG',
		city: 'Singapore',
		show: false,
		speaks: ['nl', 'en'],
		bio: 'Controller bij een rederij in Singapore.',
		work: 'paid_job',
		children: 'yes',
		languageBackground: 'dutch',
		relationship: 'prefer_not_to_say',
		motivation: 'Meld me graag aan. Ik heb ervaring met klankbordgroepen bij mijn werkgever.',
		availability: 'Dinsdagavond.',
		path: [{ status: 'volunteer', since: -18 }]
	},
	{
		name: 'Hanneke Blom',
		language: 'nl',
		timeZone: 'Europe/Moscow',
		country: 'RU',
		city: 'Moskou',
		show: false,
		speaks: ['nl', 'en', 'ru'],
		bio: 'Kunstenaar, was docent aan een kunstacademie.',
		work: 'neither',
		children: 'no',
		languageBackground: 'dutch',
		consentWithdrawn: true,
		motivation:
			'Op deze post zijn partners vrij geïsoleerd: werken mag niet, reizen is lastig, het contact met thuis loopt vaak via de ambassade. Ik wil graag laten horen hoe het is om op een moeilijke post te wonen, juist nu.',
		availability: 'Overdag, doordeweeks. Graag niet via een app die hier geblokkeerd is.',
		path: [{ status: 'volunteer', since: -160 }]
	},
	{
		name: 'Sara Bekele',
		language: 'en',
		timeZone: 'Africa/Kigali',
		country: 'RW',
		city: 'Kigali',
		show: false,
		speaks: ['am', 'en', 'rw', 'nl'],
		bio: 'Ethiopian, runs a small coffee export company from Kigali.',
		work: 'own_business',
		children: 'no',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation: 'I export coffee and import paperwork. Would love to help.',
		availability: 'Any weekday afternoon.',
		path: [{ status: 'volunteer', since: -70 }]
	},
	{
		name: 'Gijs Postma',
		language: 'nl',
		timeZone: 'America/Santiago',
		country: 'CL',
		city: 'Santiago',
		show: false,
		speaks: ['nl', 'es', 'en'],
		bio: 'Gepensioneerd leraar, derde post met mijn vrouw. De kinderen studeren in Groningen.',
		work: 'neither',
		children: 'no',
		languageBackground: 'dutch',
		relationship: 'other_sex',
		motivation:
			'Als je kinderen in Nederland studeren terwijl jullie op een post zitten, ben je ineens ouder op afstand. Daar wordt weinig over gesproken. Ik heb tijd en meld me graag.',
		availability: 'Altijd, met uitzondering van de weken dat we in Nederland zijn (december).',
		path: [{ status: 'volunteer', since: -115 }]
	},
	{
		name: 'Elena Popescu',
		language: 'en',
		timeZone: 'Europe/Bucharest',
		country: 'RO',
		city: 'Bucharest',
		show: true,
		speaks: ['ro', 'en', 'fr', 'nl'],
		bio: 'Romanian, economist at a bank in Bucharest. Mother of a daughter.',
		work: 'paid_job',
		children: 'yes',
		languageBackground: 'other',
		relationship: 'prefer_not_to_say',
		motivation: 'I would like to help, especially on the questions partners from EU countries have about pensions and social security when they follow a Dutch spouse.',
		availability: 'Thursday evenings.',
		path: [{ status: 'volunteer', since: -48 }]
	},

	// ── Alumni: the first term, which ended a year ago ─────────────────────
	{
		name: 'Gerda Hoogendoorn',
		language: 'nl',
		timeZone: 'America/Lima',
		country: 'PE',
		city: 'Lima',
		show: false,
		speaks: ['nl', 'es', 'en'],
		bio: 'Oud-lid van de klankbordgroep, vijfde post. Nu in Lima.',
		work: 'neither',
		children: 'no',
		languageBackground: 'dutch',
		relationship: 'other_sex',
		motivation:
			'Ik zat in de eerste klankbordgroep en heb gezien wat het oplevert als het ministerie echt luistert: de regeling voor professionele ontwikkeling is mede door ons verbeterd. Ik meld me opnieuw, nu vanuit Zuid-Amerika, om te helpen de nieuwe leden wegwijs te maken.',
		pastMotivation:
			'Vijfde post, dus ik heb heel wat verhuizingen achter de rug. Ik wil graag helpen om de ervaringen van partners bij het ministerie te krijgen, zodat niet iedereen steeds zelf het wiel hoeft uit te vinden.',
		availability: 'Dinsdag- en donderdagochtend Lima-tijd.',
		path: [
			{ status: 'alumni', since: -1130, invited: -1110, reason: REASON_ALUMNI, start: -1095, end: -365 },
			{ status: 'volunteer', since: -200 }
		]
	},
	{
		name: 'Richard Osei',
		language: 'en',
		timeZone: 'Europe/London',
		country: 'GB',
		city: 'London',
		show: true,
		speaks: ['en', 'nl', 'tw'],
		bio: 'Management consultant, former sounding-board member. London since last summer.',
		work: 'paid_job',
		children: 'yes',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation: 'I enjoyed my first term and think continuity helps. Happy to serve again if the draw says so.',
		pastMotivation:
			'Partners who are not Dutch often get information late, and in Dutch. I would like to help change that.',
		availability: 'Monday evenings London time.',
		path: [
			{ status: 'alumni', since: -1125, invited: -1110, reason: REASON_ALUMNI, start: -1095, end: -365 },
			{ status: 'volunteer', since: -180 }
		]
	},
	{
		name: 'Lieke van den Broek',
		language: 'nl',
		timeZone: 'Europe/Amsterdam',
		country: 'NL',
		city: 'Den Haag',
		show: false,
		speaks: ['nl', 'en', 'fr'],
		bio: 'Terug in Den Haag na posts in Dakar en Hanoi. Oud-lid van de klankbordgroep.',
		work: 'paid_job',
		children: 'yes',
		languageBackground: 'dutch',
		relationship: 'other_sex',
		motivation: 'Ik wil graag mijn ervaring met terugkeer naar Nederland inbrengen.',
		availability: 'Dinsdagavond.',
		path: [{ status: 'alumni', since: -1140, invited: -1110, reason: REASON_ALUMNI, start: -1095, end: -365 }]
	},
	{
		name: 'Ahmed Benali',
		language: 'nl',
		timeZone: 'Africa/Cairo',
		country: 'EG',
		city: 'Alexandrië',
		show: false,
		speaks: ['nl', 'ar', 'en'],
		bio: 'Docent wiskunde, oud-lid van de klankbordgroep.',
		work: 'paid_job',
		children: 'yes',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation: 'Ik wil bijdragen aan betere voorlichting over onderwijs op posts.',
		availability: 'Woensdagmiddag.',
		path: [{ status: 'alumni', since: -1135, invited: -1110, reason: REASON_ALUMNI, start: -1095, end: -365 }]
	},
	{
		name: 'Ilse Brouwer',
		language: 'nl',
		timeZone: 'Australia/Sydney',
		country: 'AU',
		city: 'Canberra',
		show: false,
		speaks: ['nl', 'en'],
		bio: 'Illustrator met een eigen studio. Oud-lid van de klankbordgroep.',
		work: 'own_business',
		children: 'no',
		languageBackground: 'dutch',
		relationship: 'same_sex',
		motivation: 'Als zelfstandige op een post wil ik graag meedenken over de regels voor ondernemen.',
		availability: 'Avonden.',
		path: [{ status: 'alumni', since: -1150, invited: -1110, reason: REASON_ALUMNI, start: -1095, end: -365 }]
	},
	{
		name: 'Tomás Herrera',
		language: 'en',
		timeZone: 'Europe/Madrid',
		country: 'ES',
		city: 'Barcelona',
		show: true,
		speaks: ['es', 'en', 'nl', 'ca'],
		bio: 'Chef, father of two, former sounding-board member.',
		work: 'neither',
		children: 'yes',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation: 'I want to speak for fathers who stay at home.',
		availability: 'Mornings.',
		path: [{ status: 'alumni', since: -1128, invited: -1110, reason: REASON_ALUMNI, start: -1095, end: -365 }]
	},
	{
		name: 'Margriet Dekker',
		language: 'nl',
		timeZone: 'Africa/Dakar',
		country: 'SN',
		city: 'Dakar',
		show: false,
		speaks: ['nl', 'fr', 'en'],
		bio: 'Verloskundige, oud-lid van de klankbordgroep.',
		work: 'neither',
		children: 'yes',
		languageBackground: 'dutch',
		relationship: 'prefer_not_to_say',
		motivation: 'Zorg en zwangerschap op een post: daar wil ik aandacht voor vragen.',
		availability: 'Flexibel.',
		path: [{ status: 'alumni', since: -1133, invited: -1110, reason: REASON_ALUMNI, start: -1095, end: -365 }]
	},
	{
		name: 'Sven Jacobs',
		language: 'nl',
		timeZone: 'Asia/Singapore',
		country: 'SG',
		city: 'Singapore',
		show: false,
		speaks: ['nl', 'en', 'de'],
		bio: 'IT-architect, oud-lid van de klankbordgroep.',
		work: 'paid_job',
		children: 'no',
		languageBackground: 'dutch',
		relationship: 'other_sex',
		motivation: 'Ik denk graag mee over digitale dienstverlening voor partners.',
		availability: 'Maandagavond.',
		path: [{ status: 'alumni', since: -1138, invited: -1110, reason: REASON_ALUMNI, start: -1095, end: -365 }]
	},

	// ── Declined an invitation ──────────────────────────────────────────
	{
		name: 'Rashid Karimi',
		language: 'en',
		timeZone: 'Asia/Karachi',
		country: 'PK',
		city: 'Islamabad',
		show: false,
		speaks: ['ur', 'fa', 'en', 'nl'],
		bio: 'Architect, between projects. Second posting with my Dutch wife.',
		work: 'prefer_not_to_say',
		children: 'yes',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation:
			'I said no last year because we were about to move, and a seat should go to someone who can stay the whole term. We are settled in Islamabad now for three years, so I am volunteering again.',
		pastMotivation:
			'I would like to bring the view of a partner who came to the Netherlands as an adult and now follows his wife around the world.',
		availability: 'Weekday afternoons Islamabad time.',
		path: [
			{
				status: 'declined',
				since: -440,
				invited: -380,
				reason: REASON_DRAW,
				declined: -372,
				why: 'We have just heard we are moving in the summer. It would not be fair to take a seat for a few months.'
			},
			{ status: 'volunteer', since: -90 }
		]
	},
	{
		name: 'Floor Verbeek',
		language: 'nl',
		timeZone: 'America/Mexico_City',
		country: 'MX',
		city: 'Mexico-Stad',
		show: false,
		speaks: ['nl', 'es', 'en'],
		bio: 'Moeder van twee, binnenkort drie.',
		work: 'neither',
		children: 'yes',
		languageBackground: 'dutch',
		motivation: 'Ik wil graag meedenken over zwangerschap en bevallen op een post.',
		availability: 'Ochtenden.',
		path: [
			{
				status: 'declined',
				since: -180,
				invited: -130,
				reason: 'Eerste alternate voor de vrijgekomen plek van Aylin Yıldız',
				declined: -128,
				why: 'Ons derde kind komt over een paar weken. Heel leuk gevraagd, maar nu even niet.'
			}
		]
	},

	// ── Withdrew ────────────────────────────────────────────────────────
	{
		name: 'Aylin Yıldız',
		language: 'en',
		timeZone: 'Europe/Amsterdam',
		country: 'NL',
		city: 'Den Haag',
		show: false,
		speaks: ['tr', 'en', 'nl', 'de'],
		bio: 'Back in The Hague after a posting in Kyiv that ended early.',
		work: 'paid_job',
		children: 'yes',
		languageBackground: 'other',
		relationship: 'other_sex',
		motivation: 'I want to help make the partner’s side of an evacuation better prepared.',
		availability: 'Tuesday evenings.',
		path: [
			{
				status: 'withdrawn',
				since: -420,
				term: { invited: -380, reason: REASON_DRAW, start: -365, end: 365 },
				withdrawn: -140,
				by: 'self',
				why: 'My husband’s posting was ended early and we are moving back to the Netherlands next month. I am sorry to leave the board halfway.'
			}
		]
	},
	{
		name: 'Joris Hendriks',
		language: 'nl',
		timeZone: 'Europe/Amsterdam',
		country: 'NL',
		city: 'Utrecht',
		show: false,
		speaks: ['nl', 'en'],
		bio: 'Terug in Nederland.',
		work: 'paid_job',
		children: 'yes',
		languageBackground: 'dutch',
		motivation: 'Ik wil meedenken over de terugkeer naar Nederland.',
		availability: 'Avonden.',
		path: [
			{
				status: 'withdrawn',
				since: -330,
				withdrawn: -240,
				by: 'coordinator',
				why: 'Op zijn verzoek per mail uit de pool gehaald: de post is afgelopen en het gezin woont weer in Nederland.'
			}
		]
	}
];

/**
 * Target ranges (whole percentages of active members) the coordinator set a
 * year ago, when the current term began, and the ones she sharpened two months
 * ago (the newest row per option holds; the older ones are history).
 */
export const BOARD_TARGETS: { daysAgo: number; dimension: string; option: string; min: number | null; max: number | null }[] = [
	...[
		['work', 'paid_job', 30, 60],
		['work', 'own_business', 10, 40],
		['work', 'neither', 20, 50],
		['children', 'yes', 30, 70],
		['children', 'no', 30, 70],
		['relationship', 'same_sex', 5, null],
		['language', 'dutch', 40, 80],
		['language', 'other', 20, 60],
		['region', 'europe', 5, 40],
		['region', 'africa', 5, 40],
		['region', 'middle_east', 5, 40],
		['region', 'asia', 5, 40],
		['region', 'americas', 5, 40],
		['region', 'oceania', 5, 40]
	].map(([dimension, option, min, max]) => ({ daysAgo: 370, dimension: dimension as string, option: option as string, min: min as number | null, max: max as number | null })),
	// After the ministry asked for more entrepreneurs' voices: at least 15% with their own business; and a wider margin for the Dutch.
	{ daysAgo: 60, dimension: 'work', option: 'own_business', min: 15, max: 40 },
	{ daysAgo: 60, dimension: 'language', option: 'other', min: 25, max: 60 },
	{ daysAgo: 60, dimension: 'language', option: 'dutch', min: 40, max: 75 }
];
