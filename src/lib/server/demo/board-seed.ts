import { desc, inArray } from 'drizzle-orm';
import type { Tx } from '../db';
import {
	boardConsents,
	boardMembershipEvents,
	boardMemberships,
	boardProfiles,
	boardTargets,
	guidelineAcceptances,
	guidelines,
	profiles,
	userRoles,
	users
} from '../db/schema';
import { handleBase } from '../accounts/handle';
import { regionOf } from '../membership/countries';
import { seal } from '../sensitive-data';
import { consentText } from '../board/profiles';
import { translate } from '../../i18n/translate';
import { CONSENT_VERSION, SENSITIVE_DIMENSION, type BoardStatus } from '../../shared/board';
import type { Language } from '../../shared/roles';
import { BOARD_PEOPLE, BOARD_TARGETS, EXISTING_BOARD_PEOPLE, type BoardPerson, type DemoMembership } from './board-content';

/**
 * Seeds the sounding board (board-content.ts) inside seedDemo's transaction,
 * after the demo accounts and the membership data: the people as group
 * members with their postings, their memberships with every step in the
 * history, diversity profiles (the relationship answer sealed, and only with a
 * recorded consent, exactly as board/profiles.ts stores it), and the
 * coordinator's targets. A handful of multi-row inserts; the demo accounts'
 * one password hash is reused.
 */

const DAY = 24 * 3_600_000;
const COORDINATOR = 'coordinator@example.org';

/** "Thijs van der Linden" → "thijs.vanderlinden@example.org", as the other demo members. */
export function boardEmail(name: string): string {
	const [first, ...rest] = handleBase(name.replace(/ı/g, 'i')).split('-');
	return `${first}.${rest.join('')}@example.org`;
}

interface Step {
	from: BoardStatus | null;
	to: BoardStatus;
	/** 'self', 'coordinator' or null for the platform's schedule. */
	by: 'self' | 'coordinator' | null;
	reason: string | null;
	day: number;
}

/** A membership's history, oldest first, and its term. */
function stepsOf(m: DemoMembership): { steps: Step[]; term: { start: number; end: number } | null } {
	const steps: Step[] = [{ from: null, to: 'volunteer', by: 'self', reason: null, day: m.since }];
	const invite = (invited: number, reason: string) => steps.push({ from: 'volunteer', to: 'invited', by: 'coordinator', reason, day: invited });
	const accept = (start: number) => steps.push({ from: 'invited', to: 'active', by: 'self', reason: null, day: start });
	switch (m.status) {
		case 'volunteer':
			return { steps, term: null };
		case 'invited':
			invite(m.invited, m.reason);
			return { steps, term: null };
		case 'active':
			invite(m.invited, m.reason);
			accept(m.start);
			return { steps, term: { start: m.start, end: m.end } };
		case 'alumni':
			invite(m.invited, m.reason);
			accept(m.start);
			steps.push({ from: 'active', to: 'alumni', by: null, reason: null, day: m.end });
			return { steps, term: { start: m.start, end: m.end } };
		case 'declined':
			invite(m.invited, m.reason);
			steps.push({ from: 'invited', to: 'declined', by: 'self', reason: m.why, day: m.declined });
			return { steps, term: null };
		case 'withdrawn':
			if (m.term) {
				invite(m.term.invited, m.term.reason);
				accept(m.term.start);
			}
			steps.push({ from: m.term ? 'active' : 'volunteer', to: 'withdrawn', by: m.by, reason: m.why, day: m.withdrawn });
			// Stepping down ends the term that day.
			return { steps, term: m.term ? { start: m.term.start, end: m.withdrawn } : null };
	}
}

type ProfileAnswers = Pick<BoardPerson, 'work' | 'children' | 'languageBackground' | 'relationship' | 'consentWithdrawn'>;

export async function seedBoard(tx: Tx, passwordHash: string, now = new Date()): Promise<void> {
	const at = (days: number) => new Date(now.getTime() + days * DAY);
	const dayOf = (days: number) => at(days).toISOString().slice(0, 10);

	const accounts = await tx
		.select({ id: users.id, email: users.email, language: users.language })
		.from(users)
		.where(inArray(users.email, [COORDINATOR, ...EXISTING_BOARD_PEOPLE.map((p) => p.email)]));
	const coordinator = accounts.find((a) => a.email === COORDINATOR)?.id;
	if (!coordinator) return; // not the demo accounts: nothing to attach to
	const [g] = await tx.select({ version: guidelines.version, publishedAt: guidelines.publishedAt }).from(guidelines).orderBy(desc(guidelines.version)).limit(1);

	// Handles made here, against every one taken, instead of a query per person.
	const taken = new Set((await tx.select({ h: users.handle }).from(users)).map((r) => r.h));
	const handleFor = (name: string) => {
		const base = handleBase(name);
		let handle = base;
		for (let n = 2; taken.has(handle); n++) handle = `${base}-${n}`;
		taken.add(handle);
		return handle;
	};

	const joinedOf = (p: BoardPerson, i: number) => at(Math.min(...p.path.map((m) => m.since)) - 20 - (i % 7) * 9);
	const inserted = await tx
		.insert(users)
		.values(
			BOARD_PEOPLE.map((p, i) => ({
				email: boardEmail(p.name),
				displayName: p.name,
				handle: handleFor(p.name),
				language: p.language,
				timeZone: p.timeZone,
				status: 'active' as const,
				passwordHash,
				createdAt: joinedOf(p, i),
				updatedAt: joinedOf(p, i)
			}))
		)
		.returning({ id: users.id, email: users.email });
	const idOf = new Map(inserted.map((u) => [u.email, u.id]));
	const people = BOARD_PEOPLE.map((p, i) => ({ ...p, userId: idOf.get(boardEmail(p.name))!, joined: joinedOf(p, i) }));

	await tx.insert(userRoles).values(people.map((p) => ({ userId: p.userId, role: 'member' as const })));
	await tx.insert(profiles).values(
		people.map((p) => ({
			userId: p.userId,
			bio: p.bio,
			languages: p.speaks,
			postingCountry: p.country,
			postingCity: p.city,
			postingRegion: regionOf(p.country),
			showPosting: p.show
		}))
	);
	if (g) {
		const published = g.publishedAt.getTime();
		await tx
			.insert(guidelineAcceptances)
			.values(people.map((p) => ({ userId: p.userId, version: g.version, acceptedAt: new Date(Math.max(p.joined.getTime(), published + DAY)) })));
	}

	// Memberships, then their history rows (matched back by person and creation time: one membership per person at a time).
	const owners: { userId: string; language: Language; path: DemoMembership[]; motivation: string; pastMotivation?: string; availability: string; answers: ProfileAnswers }[] = [
		...people.map((p) => ({ ...p, answers: p })),
		...EXISTING_BOARD_PEOPLE.flatMap((p) => {
			const account = accounts.find((a) => a.email === p.email);
			return account ? [{ ...p, userId: account.id, language: account.language, answers: p }] : [];
		})
	];
	// board_member exactly while a membership is active (status.ts keeps it so from here on).
	await tx
		.insert(userRoles)
		.values(owners.filter((o) => o.path.some((m) => m.status === 'active')).map((o) => ({ userId: o.userId, role: 'board_member' as const })))
		.onConflictDoNothing();
	const memberships = owners.flatMap((o) =>
		o.path.map((m, i) => {
			const { steps, term } = stepsOf(m);
			const newest = i === o.path.length - 1;
			return {
				owner: o,
				steps,
				row: {
					userId: o.userId,
					status: steps.at(-1)!.to,
					motivation: newest ? o.motivation : (o.pastMotivation ?? o.motivation),
					availability: o.availability,
					termStart: term ? dayOf(term.start) : null,
					termEnd: term ? dayOf(term.end) : null,
					// Coordinators were told 30 days before a term's end: for those ending this month, that has happened.
					endingNoticeAt: m.status === 'active' && m.end <= 30 ? at(m.end - 30) : null,
					createdAt: at(m.since),
					updatedAt: at(steps.at(-1)!.day)
				}
			};
		})
	);
	const rows = await tx
		.insert(boardMemberships)
		.values(memberships.map((m) => m.row))
		.returning({ id: boardMemberships.id, userId: boardMemberships.userId, createdAt: boardMemberships.createdAt });
	const membershipId = new Map(rows.map((r) => [`${r.userId}@${r.createdAt.getTime()}`, r.id]));
	await tx.insert(boardMembershipEvents).values(
		memberships.flatMap((m) =>
			m.steps.map((s) => ({
				membershipId: membershipId.get(`${m.row.userId}@${m.row.createdAt.getTime()}`)!,
				actorId: s.by === 'self' ? m.row.userId : s.by === 'coordinator' ? coordinator : null,
				fromStatus: s.from,
				toStatus: s.to,
				reason: s.reason,
				at: at(s.day)
			}))
		)
	);

	// Diversity profiles, filled in when they first volunteered. The relationship answer as profiles.ts stores it:
	// the option key sealed to the person, never in `answers`, only with a 'given' consent; "prefer not to say" stores nothing.
	const consents: (typeof boardConsents.$inferInsert)[] = [];
	const profileRows = owners.map((o) => {
		const filled = Math.min(...o.path.map((m) => m.since));
		const { work, children, languageBackground, relationship, consentWithdrawn } = o.answers;
		const sealed = relationship === 'same_sex' || relationship === 'other_sex';
		if (sealed || consentWithdrawn) {
			const text = consentText(o.language);
			consents.push({
				userId: o.userId,
				dimension: SENSITIVE_DIMENSION,
				action: 'given',
				textVersion: text.version,
				text: text.paragraphs.join('\n\n'),
				language: o.language,
				method: 'web_form',
				at: at(filled)
			});
		}
		if (consentWithdrawn)
			consents.push({
				userId: o.userId,
				dimension: SENSITIVE_DIMENSION,
				action: 'withdrawn',
				textVersion: CONSENT_VERSION,
				text: translate('board_consent_withdraw_confirm', o.language),
				language: o.language,
				method: 'web_form',
				at: at(filled + 30)
			});
		return {
			userId: o.userId,
			answers: { work, children, language: languageBackground },
			sensitiveSealed: sealed ? seal(relationship, `board-profile:${o.userId}`) : null,
			updatedAt: at(consentWithdrawn ? filled + 30 : filled)
		};
	});
	await tx.insert(boardProfiles).values(profileRows);
	await tx.insert(boardConsents).values(consents);

	await tx.insert(boardTargets).values(
		[...BOARD_TARGETS]
			.sort((a, b) => b.daysAgo - a.daysAgo)
			.map((t) => ({ dimension: t.dimension, option: t.option, minShare: t.min, maxShare: t.max, setBy: coordinator, setAt: at(-t.daysAgo) }))
	);
}
