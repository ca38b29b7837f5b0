import { inArray } from 'drizzle-orm';
import type { Tx } from '../db';
import { guidelineAcceptances, guidelines, invitations, joinRequests, profiles, userRoles, users } from '../db/schema';
import { uniqueHandle } from '../accounts/handle';
import { generateSessionToken, sessionIdOf } from '../auth/sessions';
import { regionOf } from '../membership/countries';
import type { Language } from '../../shared/roles';

/**
 * Demo data for membership: the community guidelines (version 1, Dutch and
 * English), profiles with postings for the demo accounts, a pending request
 * for pending@example.org, ten more members around the world so the
 * directory has something to find, and a few invitations in each state.
 * Runs inside seedDemo's transaction, after the demo accounts.
 */

export const GUIDELINES_NL = `Partnerplein is er voor en door partners van medewerkers die op een post in het buitenland werken. Deze huisregels helpen ons er een veilige en behulpzame plek van te maken. Wie lid wordt, gaat ermee akkoord.

## 1. Wat hier gedeeld wordt, blijft hier

Partnerplein is besloten. Deel geen berichten, namen of foto's van andere leden buiten de groep zonder hun toestemming; dat geldt ook voor schermafbeeldingen.

## 2. Wees vriendelijk en respectvol

We wonen overal ter wereld en zitten in heel verschillende situaties: met of zonder kinderen, met of zonder werk, voor het eerst op post of voor de vijfde keer. Reageer zoals je zelf aangesproken wilt worden. Beledigingen, discriminatie, intimidatie en persoonlijke aanvallen horen hier niet.

## 3. Denk aan veiligheid, van jezelf en van anderen

Op sommige standplaatsen is het verstandig weinig te vertellen over waar je woont, over reisplannen of over het werk van je partner. Deel geen adressen, reisschema's of vertrouwelijke informatie over de post of het ministerie. Je bepaalt zelf of andere leden je standplaats zien; je kunt dat altijd wijzigen op je profiel.

## 4. Ervaringen delen, geen dienstzaken

Vragen over regelingen, zoals de vergoeding voor professionele ontwikkeling of werken op een standplaats, zijn welkom, en de klankbordgroep neemt signalen mee naar het ministerie. Persoonlijke dossiers en klachten over individuele beslissingen bespreek je met het ministerie zelf, niet hier.

## 5. Geen reclame

Tips en aanbevelingen vragen en geven mag altijd. Reclame voor je eigen bedrijf of diensten plaats je alleen als iemand erom vraagt.

## 6. Privacy

Deel geen persoonlijke gegevens van anderen. Over gezondheid, relaties of geldzorgen vertel je alleen wat je zelf wilt; vraag een moderator gerust om iets van jezelf te verwijderen.

## 7. Moderatie

Moderatoren houden de groep veilig. Zij kunnen berichten verbergen of verwijderen en leden waarschuwen, tijdelijk dempen, schorsen of verwijderen, altijd met een reden. Zie je iets dat niet door de beugel kan? Rapporteer het bericht; een moderator kijkt ernaar.

## 8. In nood

Partnerplein is geen noodlijn. Bij gevaar of een crisis neem je contact op met de ambassade of het consulaat, of met het contactcentrum van het ministerie, dat dag en nacht bereikbaar is.`;

export const GUIDELINES_EN = `Partnerplein is a place by and for the partners of staff posted abroad. These guidelines help keep it safe and helpful. By joining, you accept them.

## 1. What is shared here stays here

Partnerplein is private. Do not share other members' posts, names or photos outside the group without their permission; that includes screenshots.

## 2. Be kind and respectful

We live all over the world and in very different situations: with or without children, with or without work, on a first posting or a fifth. Reply the way you would like to be spoken to. Insults, discrimination, harassment and personal attacks have no place here.

## 3. Think of safety, your own and other people's

At some postings it is wise to say little about where you live, about travel plans or about your partner's work. Do not share addresses, travel schedules or confidential information about the post or the ministry. You decide whether other members see your posting; you can change that on your profile at any time.

## 4. Share experiences, not official business

Questions about arrangements, such as the professional-development allowance or working at a posting, are welcome, and the sounding board takes what it hears to the ministry. Personal files and complaints about individual decisions belong with the ministry itself, not here.

## 5. No advertising

Asking for and giving tips and recommendations is always fine. Advertise your own business or services only when someone asks for them.

## 6. Privacy

Do not share other people's personal details. About health, relationships or money worries, say only what you want to; feel free to ask a moderator to remove something of your own.

## 7. Moderation

Moderators keep the group safe. They can hide or remove posts and warn, mute, suspend or remove members, always with a reason. Seen something that crosses the line? Report the post; a moderator will look at it.

## 8. In an emergency

Partnerplein is not an emergency line. If you are in danger or a crisis, contact the embassy or consulate, or the ministry's contact centre, which is open day and night.`;

interface DemoProfile {
	bio: string;
	languages: string[];
	country: string;
	city: string;
	show: boolean;
}

/** The demo accounts that are group members. */
const ACCOUNT_PROFILES: Record<string, DemoProfile> = {
	'member@example.org': {
		bio: 'Sinds twee jaar in Jakarta met mijn man en onze dochter van zes. Ik was docent biologie en zoek nu uit hoe ik hier aan de slag kan. Altijd in voor koffie en verhalen over verhuizen met kinderen.',
		languages: ['nl', 'en', 'id'],
		country: 'ID',
		city: 'Jakarta',
		show: true
	},
	'board@example.org': {
		bio: 'Lebanese-born, raised in Rotterdam, now in Bogotá with my wife, who heads the political section. I work remotely as a UX researcher and sit on the sounding board. Happy to talk about careers that travel.',
		languages: ['en', 'ar', 'nl', 'es', 'fr'],
		country: 'CO',
		city: 'Bogotá',
		show: true
	},
	'moderator@example.org': {
		bio: 'Vader van twee tieners, derde post (na Accra en Lima). In Nairobi help ik bij een lokale stichting voor beroepsonderwijs. Moderator van Partnerplein: spreek me gerust aan.',
		languages: ['nl', 'en', 'sw'],
		country: 'KE',
		city: 'Nairobi',
		show: true
	}
};

interface ExtraMember extends DemoProfile {
	email: string;
	name: string;
	language: Language;
	timeZone: string;
	/** How they came in: an invitation or an approved join request. */
	via?: 'invitation' | 'request';
}

export const EXTRA_MEMBERS: ExtraMember[] = [
	{
		email: 'ingrid.bakker@example.org',
		name: 'Ingrid Bakker',
		language: 'nl',
		timeZone: 'America/New_York',
		country: 'US',
		city: 'Washington',
		show: true,
		via: 'invitation',
		languages: ['nl', 'en', 'de'],
		bio: 'Sinds 2024 in Washington. Ik werk op afstand als vertaler Duits-Nederlands en zoek mensen om mee te wandelen in Rock Creek Park.'
	},
	{
		email: 'thomas.okafor@example.org',
		name: 'Thomas Okafor',
		language: 'en',
		timeZone: 'Africa/Lagos',
		country: 'NG',
		city: 'Abuja',
		show: true,
		via: 'request',
		languages: ['en', 'nl', 'yo'],
		bio: 'Stay-at-home dad of two in Abuja. Happy to share what we learned about schools, drivers and getting through the rainy season with small children.'
	},
	{
		email: 'mei-ling.chen@example.org',
		name: 'Mei-Ling Chen',
		language: 'en',
		timeZone: 'Asia/Shanghai',
		country: 'CN',
		city: 'Beijing',
		show: true,
		languages: ['zh', 'en', 'nl'],
		bio: 'Born in Taipei, married to a Dutch diplomat, back in Asia after four years in The Hague. I teach Mandarin online and know every dumpling place within cycling distance.'
	},
	{
		email: 'ruben.hoekstra@example.org',
		name: 'Ruben Hoekstra',
		language: 'nl',
		timeZone: 'Asia/Amman',
		country: 'JO',
		city: 'Amman',
		show: true,
		languages: ['nl', 'en', 'ar'],
		bio: 'Fotograaf, sinds vorig jaar in Amman. Ik leer Arabisch en wil hier graag aan het werk; wie weet hoe het zit met een werkvergunning voor partners in Jordanië?'
	},
	{
		email: 'claire.vandijk@example.org',
		name: 'Claire van Dijk',
		language: 'nl',
		timeZone: 'Europe/Paris',
		country: 'FR',
		city: 'Parijs',
		show: true,
		languages: ['nl', 'fr', 'en'],
		bio: 'Juriste. Dankzij de EU-regels werk ik in Parijs gewoon door bij een advocatenkantoor. Vraag me gerust naar de Franse papierwinkel.'
	},
	{
		email: 'daniel.mensah@example.org',
		name: 'Daniel Mensah',
		language: 'en',
		timeZone: 'Africa/Accra',
		country: 'GH',
		city: 'Accra',
		show: false,
		languages: ['en', 'fr', 'nl'],
		bio: 'Engineer, between jobs while we settle in. I prefer to keep my posting to myself, but I read along and answer questions about remote work.'
	},
	{
		email: 'lotte.visser@example.org',
		name: 'Lotte Visser',
		language: 'nl',
		timeZone: 'Australia/Sydney',
		country: 'AU',
		city: 'Canberra',
		show: true,
		languages: ['nl', 'en'],
		bio: 'Met drie kinderen en een hond naar Canberra verhuisd. Nederlands onderwijs op afstand, quarantaine voor huisdieren: vraag maar raak.'
	},
	{
		email: 'sofia.ramirez@example.org',
		name: 'Sofía Ramírez',
		language: 'en',
		timeZone: 'America/Lima',
		country: 'PE',
		city: 'Lima',
		show: true,
		via: 'request',
		languages: ['es', 'en', 'nl'],
		bio: 'Peruvian-Dutch: back in my home town, but now as a diplomat’s partner, which is a strange mix. Ask me anything about Lima, from doctors to the best ceviche.'
	},
	{
		email: 'anouk.meijer@example.org',
		name: 'Anouk Meijer',
		language: 'nl',
		timeZone: 'Asia/Tokyo',
		country: 'JP',
		city: 'Tokio',
		show: true,
		languages: ['nl', 'en', 'ja'],
		bio: 'Tweede post: na Nairobi nu Tokio. Ik geef Nederlandse les aan kinderen van expats en organiseer een maandelijkse koffieochtend.'
	},
	{
		email: 'emma.degroot@example.org',
		name: 'Emma de Groot',
		language: 'nl',
		timeZone: 'Africa/Nairobi',
		country: 'KE',
		city: 'Nairobi',
		show: true,
		languages: ['nl', 'en', 'sw'],
		bio: 'Verpleegkundige, net aangekomen in Nairobi. Ik zoek vrijwilligerswerk in de zorg en andere partners om de stad mee te verkennen.'
	}
];

/** The pending demo account's answers: what a moderator sees in the queue. */
const PENDING_REQUEST = {
	email: 'pending@example.org',
	country: 'JP',
	city: 'Tokyo',
	relation: 'registered_partner' as const,
	civilServantName: 'Femke Dijkstra',
	civilServantDepartment: 'Ambassade Tokio, economische afdeling',
	languages: ['fr', 'en', 'nl'],
	message:
		'I moved to Tokyo in September with my partner, who works at the embassy. I am French, learning Dutch, and would love to meet other partners in Japan.'
};

const DAY = 24 * 3_600_000;

export async function seedMembership(tx: Tx, passwordHash: string, now = new Date()): Promise<void> {
	const [g] = await tx
		.insert(guidelines)
		.values({ bodyNl: GUIDELINES_NL, bodyEn: GUIDELINES_EN, publishedAt: new Date(now.getTime() - 400 * DAY) })
		.returning({ version: guidelines.version });
	const version = g!.version;

	const demo = await tx
		.select({ id: users.id, email: users.email, status: users.status })
		.from(users)
		.where(inArray(users.email, [...Object.keys(ACCOUNT_PROFILES), PENDING_REQUEST.email, 'admin@example.org', 'moderator@example.org']));
	const idOf = new Map(demo.map((u) => [u.email, u.id]));
	const admin = idOf.get('admin@example.org');
	const moderator = idOf.get('moderator@example.org');
	if (!admin || !moderator) return; // not the demo accounts: nothing to attach to

	for (const [email, p] of Object.entries(ACCOUNT_PROFILES)) {
		const userId = idOf.get(email);
		if (!userId) continue;
		await tx.insert(profiles).values(profileRow(userId, p));
		await tx.insert(guidelineAcceptances).values({ userId, version });
	}

	const pendingId = idOf.get(PENDING_REQUEST.email);
	if (pendingId) {
		const r = PENDING_REQUEST;
		await tx.insert(joinRequests).values({
			userId: pendingId,
			postingCountry: r.country,
			postingCity: r.city,
			relation: r.relation,
			civilServantName: r.civilServantName,
			civilServantDepartment: r.civilServantDepartment,
			languages: r.languages,
			message: r.message,
			guidelinesVersion: version,
			createdAt: new Date(now.getTime() - 2 * DAY)
		});
		await tx.insert(profiles).values(profileRow(pendingId, { bio: '', languages: r.languages, country: r.country, city: r.city, show: false }));
		await tx.insert(guidelineAcceptances).values({ userId: pendingId, version });
	}

	for (const [i, m] of EXTRA_MEMBERS.entries()) {
		const joinedAt = new Date(now.getTime() - (300 - i * 25) * DAY);
		const [u] = await tx
			.insert(users)
			.values({
				email: m.email,
				displayName: m.name,
				handle: await uniqueHandle(tx, m.name),
				language: m.language,
				timeZone: m.timeZone,
				status: 'active',
				passwordHash,
				createdAt: joinedAt,
				updatedAt: joinedAt
			})
			.returning({ id: users.id });
		const userId = u!.id;
		await tx.insert(userRoles).values({ userId, role: 'member' });
		await tx.insert(profiles).values(profileRow(userId, m));
		await tx.insert(guidelineAcceptances).values({ userId, version, acceptedAt: joinedAt });
		if (m.via === 'invitation') {
			await tx.insert(invitations).values({
				tokenHash: sessionIdOf(generateSessionToken()),
				email: m.email,
				note: 'Partner van de nieuwe plaatsvervangend ambassadeur',
				createdBy: admin,
				createdAt: new Date(joinedAt.getTime() - 3 * DAY),
				expiresAt: new Date(joinedAt.getTime() + 11 * DAY),
				usedAt: joinedAt,
				usedBy: userId
			});
		}
		if (m.via === 'request') {
			await tx.insert(joinRequests).values({
				userId,
				postingCountry: m.country,
				postingCity: m.city,
				relation: 'spouse',
				civilServantName: m.email === 'thomas.okafor@example.org' ? 'Marloes Okafor-de Wit' : 'Jeroen Brouwer',
				civilServantDepartment: m.email === 'thomas.okafor@example.org' ? 'Ambassade Abuja' : 'Ambassade Lima, consulaire afdeling',
				languages: m.languages,
				guidelinesVersion: version,
				status: 'approved',
				decidedBy: moderator,
				decidedAt: joinedAt,
				decisionReason: m.language === 'nl' ? 'Welkom!' : 'Welcome aboard!',
				createdAt: new Date(joinedAt.getTime() - 2 * DAY)
			});
		}
	}

	// Invitations in the other states, so the list shows what each looks like.
	await tx.insert(invitations).values([
		{
			tokenHash: sessionIdOf(generateSessionToken()),
			email: 'nieuwe.partner@example.org',
			note: 'Partner van de nieuwe consul in Lagos',
			createdBy: moderator,
			createdAt: new Date(now.getTime() - 2 * DAY),
			expiresAt: new Date(now.getTime() + 12 * DAY)
		},
		{
			tokenHash: sessionIdOf(generateSessionToken()),
			email: null,
			note: 'Voor de informatiebijeenkomst van vertrekkende partners (verkeerde link rondgestuurd)',
			createdBy: admin,
			createdAt: new Date(now.getTime() - 20 * DAY),
			expiresAt: new Date(now.getTime() - 6 * DAY),
			revokedAt: new Date(now.getTime() - 19 * DAY)
		},
		{
			tokenHash: sessionIdOf(generateSessionToken()),
			email: 'oud.adres@example.org',
			note: null,
			createdBy: moderator,
			createdAt: new Date(now.getTime() - 60 * DAY),
			expiresAt: new Date(now.getTime() - 46 * DAY)
		}
	]);
}

function profileRow(userId: string, p: DemoProfile): typeof profiles.$inferInsert {
	return {
		userId,
		bio: p.bio,
		languages: p.languages,
		postingCountry: p.country,
		postingCity: p.city,
		postingRegion: regionOf(p.country),
		showPosting: p.show
	};
}
