import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db';
import { db, transact } from '../runtime';
import { boardConsents, boardMembershipEvents, boardMemberships, boardProfiles, profiles, users } from '../db/schema';
import { audit } from '../audit/log';
import { requireCapability, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import type { DomainEvent } from '../events/types';
import { translate } from '../../i18n/translate';
import { seal, unseal, UnsealError } from '../sensitive-data';
import { dimensionDefs, inLanguage, type DimensionDef } from './dimensions';
import { stepMembership } from './status';
import { SaveBoardProfileInput, VolunteerInput, WithdrawVolunteeringInput } from './profile-schemas';
import {
	CONSENT_VERSION,
	OPEN_BOARD_STATUSES,
	PREFER_NOT_TO_SAY,
	SENSITIVE_DIMENSION,
	type BoardMembership,
	type BoardMembershipEvent,
	type ConsentMethod
} from '../../shared/board';
import type { BoardConsentState, BoardConsentText, BoardProfileView, CoordinatorProfileView, MyBoard } from '../../shared/board-profile';
import type { Region } from '../../shared/membership';
import type { Language } from '../../shared/roles';

/**
 * The person's own side of the sounding board: volunteering, their diversity
 * profile, and consent for the one answer that is special-category data
 * (partner relationship: it reveals sexual orientation, GDPR art. 9).
 *
 * That answer is stored only sealed (sensitive-data.ts, bound to the person),
 * only in a request that carries the person's explicit consent to the current
 * consent text, and every change needs that consent again. The consent (text
 * as shown, version, language, how, when) and its withdrawal are recorded in
 * board_consents; a withdrawal erases the answer at once. The answer is never
 * part of `answers`, an audit entry's before/after, an event or an email: it
 * leaves this file only unsealed for the person themselves and for a
 * coordinator's view of one person, which is audited every time.
 */

type Emit = (event: DomainEvent) => void;
type Reader = Db | Tx;

/** What the relationship answer is sealed to: a sealed value copied onto another person's row does not open. */
const sealContext = (userId: string) => `board-profile:${userId}`;

const CONSENT_PARAGRAPHS = ['board_consent_text_what', 'board_consent_text_why', 'board_consent_text_who', 'board_consent_text_withdraw'] as const;

/** The consent text in the reader's language; exactly this is recorded with a consent. */
export const consentText = (locale: Language): BoardConsentText => ({
	version: CONSENT_VERSION,
	paragraphs: CONSENT_PARAGRAPHS.map((key) => translate(key, locale))
});

/** One person at a time: their volunteering and profile changes wait for each other (one open membership; no lost consent). */
async function lockPerson(tx: Tx, userId: string): Promise<void> {
	await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('no key update');
}

async function latestConsent(reader: Reader, userId: string) {
	const [row] = await reader
		.select()
		.from(boardConsents)
		.where(and(eq(boardConsents.userId, userId), eq(boardConsents.dimension, SENSITIVE_DIMENSION)))
		.orderBy(desc(boardConsents.id))
		.limit(1);
	return row;
}

function consentState(row: Awaited<ReturnType<typeof latestConsent>>): BoardConsentState {
	if (!row) return { given: false, version: null, at: null, method: null };
	const given = row.action === 'given';
	return { given, version: given ? row.textVersion : null, at: row.at, method: row.method as ConsentMethod };
}

/** The stored relationship answer, or null; a value that does not open (another key, moved) counts as none. */
function openSealed(sealed: string | null | undefined, userId: string): string | null {
	if (!sealed) return null;
	try {
		return unseal(sealed, sealContext(userId));
	} catch (e) {
		if (e instanceof UnsealError) return null;
		throw e;
	}
}

/** The profile as its owner, or a coordinator, reads it: the relationship answer unsealed. */
async function readProfile(reader: Reader, userId: string, defs: DimensionDef[]): Promise<BoardProfileView> {
	const [[row], [member], consent] = await Promise.all([
		reader.select().from(boardProfiles).where(eq(boardProfiles.userId, userId)),
		reader.select({ region: profiles.postingRegion }).from(profiles).where(eq(profiles.userId, userId)),
		latestConsent(reader, userId)
	]);
	const asked = new Set(defs.filter((d) => !d.derived && !d.sensitive).map((d) => d.key));
	const stored = (row?.answers ?? {}) as Record<string, string>;
	return {
		answers: Object.fromEntries(Object.entries(stored).filter(([k]) => asked.has(k))),
		relationship: openSealed(row?.sensitiveSealed, userId),
		region: (member?.region ?? null) as Region | null,
		consent: consentState(consent),
		updatedAt: row?.updatedAt ?? null
	};
}

/**
 * The person's own diversity answers, to copy onto something they chose to
 * attach them to (a survey response): the asked answers and the region, and
 * the relationship answer only while their consent to it stands.
 */
export async function ownDiversityAnswers(reader: Reader, userId: string): Promise<{ answers: Record<string, string>; relationship: string | null }> {
	const profile = await readProfile(reader, userId, await dimensionDefs(reader));
	const answers = { ...profile.answers, ...(profile.region ? { region: profile.region } : {}) };
	return { answers, relationship: profile.consent.given ? profile.relationship : null };
}

/**
 * Each answer must be an option of a dimension asked now. The derived region
 * is never taken as input, and the relationship answer only in its own field,
 * with consent. Every problem at once, each on its own field.
 */
function checkAnswers(defs: DimensionDef[], answers: Record<string, string>): Record<string, string> {
	const problems: Record<string, string> = {};
	for (const [key, option] of Object.entries(answers)) {
		const def = defs.find((d) => d.key === key);
		const problem = !def
			? 'board_profile_error_unknown_dimension'
			: def.derived
				? 'board_profile_error_derived'
				: def.sensitive
					? 'board_profile_error_sensitive_in_answers'
					: !def.options.some((o) => o.key === option)
						? 'board_profile_error_option'
						: null;
		if (problem) problems[`answers.${key}`] = problem;
	}
	return problems;
}

interface ProfileChange {
	answers: Record<string, string>;
	relationship?: string;
	consent?: boolean;
	consentVersion?: number;
}

/**
 * Writes the person's profile in the caller's transaction (volunteering saves
 * it with the membership). Refuses the whole change, storing nothing, when an
 * answer does not fit or the relationship answer changes without consent to
 * the current text in this very request. `problems`: the caller's own refusals
 * (volunteering's fields), listed with these.
 */
async function writeProfile(
	tx: Tx,
	userId: string,
	change: ProfileChange,
	opts: { locale: Language; via: ConsentMethod; problems?: Record<string, string> }
): Promise<void> {
	const defs = await dimensionDefs(tx);
	const problems = { ...opts.problems, ...checkAnswers(defs, change.answers) };
	const [existing] = await tx.select().from(boardProfiles).where(eq(boardProfiles.userId, userId));
	const before = openSealed(existing?.sensitiveSealed, userId);
	const after = change.relationship === undefined ? before : change.relationship === PREFER_NOT_TO_SAY ? null : change.relationship;
	const changed = after !== before;
	// Storing an answer (not erasing one) is what needs consent, and each time anew.
	const needsConsent = changed && after !== null;
	if (needsConsent && change.consent !== true) problems.consent = 'board_consent_error_required';
	else if (needsConsent && change.consentVersion !== CONSENT_VERSION) problems.consent = 'board_consent_error_version';
	const fields = Object.keys(problems);
	if (fields.length > 0) throw new DomainError('invalid_input', problems[fields[0]!]!, { field: fields[0], fields: problems });

	// Answers to dimensions no longer asked (archived) stay, for history; the asked ones are replaced.
	const asked = new Set(defs.map((d) => d.key));
	const kept = Object.fromEntries(Object.entries((existing?.answers ?? {}) as Record<string, string>).filter(([k]) => !asked.has(k)));
	const answers = { ...kept, ...change.answers };
	const sealed = !changed ? (existing?.sensitiveSealed ?? null) : after === null ? null : seal(after, sealContext(userId));
	const now = new Date();
	await tx
		.insert(boardProfiles)
		.values({ userId, answers, sensitiveSealed: sealed, updatedAt: now })
		.onConflictDoUpdate({ target: boardProfiles.userId, set: { answers, sensitiveSealed: sealed, updatedAt: now } });
	if (needsConsent) {
		const text = consentText(opts.locale);
		await tx.insert(boardConsents).values({
			userId,
			dimension: SENSITIVE_DIMENSION,
			action: 'given',
			textVersion: text.version,
			text: text.paragraphs.join('\n\n'),
			language: opts.locale,
			method: opts.via,
			at: now
		});
	}
}

const membershipOf = (row: typeof boardMemberships.$inferSelect): BoardMembership => ({
	id: row.id,
	userId: row.userId,
	status: row.status,
	motivation: row.motivation,
	availability: row.availability,
	termStart: row.termStart,
	termEnd: row.termEnd,
	createdAt: row.createdAt,
	updatedAt: row.updatedAt
});

/** The person's open membership, else their latest closed one. */
async function currentMembership(reader: Reader, userId: string) {
	const [row] = await reader
		.select()
		.from(boardMemberships)
		.where(eq(boardMemberships.userId, userId))
		.orderBy(desc(sql`${boardMemberships.status} in ('volunteer', 'candidate', 'invited', 'active')`), desc(boardMemberships.id))
		.limit(1);
	return row;
}

/** A membership's steps, oldest first, with who made each (null: the platform's schedule). */
export async function membershipHistory(reader: Reader, membershipId: number): Promise<BoardMembershipEvent[]> {
	const rows = await reader
		.select({ e: boardMembershipEvents, name: users.displayName })
		.from(boardMembershipEvents)
		.leftJoin(users, eq(users.id, boardMembershipEvents.actorId))
		.where(eq(boardMembershipEvents.membershipId, membershipId))
		.orderBy(asc(boardMembershipEvents.id));
	return rows.map(({ e, name }) => ({
		at: e.at,
		from: e.fromStatus,
		to: e.toStatus,
		by: e.actorId && name !== null ? { id: e.actorId, displayName: name } : null,
		reason: e.reason
	}));
}

/** The person's own board page: their membership and its history, their profile, what to ask and the consent text. */
export async function myBoard(actor: Actor, locale: Language): Promise<MyBoard> {
	const a = requireCapability(actor, 'board.volunteer');
	const reader = db();
	const defs = await dimensionDefs(reader);
	const [membership, profile] = await Promise.all([currentMembership(reader, a.user.id), readProfile(reader, a.user.id, defs)]);
	return {
		membership: membership ? membershipOf(membership) : null,
		history: membership ? await membershipHistory(reader, membership.id) : [],
		profile,
		dimensions: inLanguage(defs, locale),
		consentText: consentText(locale)
	};
}

/**
 * Volunteering: a membership in status `volunteer` (one open membership per
 * person: a second is refused with a 409 that says so) with its first history
 * row, and the profile saved in the same transaction.
 */
export async function volunteer(actor: Actor, raw: VolunteerInput, opts: { locale: Language; via: ConsentMethod }): Promise<MyBoard> {
	const a = requireCapability(actor, 'board.volunteer');
	const input = parseInput(VolunteerInput, raw);
	await transact(async (tx, emit) => {
		await lockPerson(tx, a.user.id);
		const [open] = await tx
			.select({ id: boardMemberships.id })
			.from(boardMemberships)
			.where(and(eq(boardMemberships.userId, a.user.id), inArray(boardMemberships.status, [...OPEN_BOARD_STATUSES])));
		if (open) throw new DomainError('conflict', 'board_volunteer_error_already');
		await writeProfile(tx, a.user.id, input, opts);
		const [row] = await tx
			.insert(boardMemberships)
			.values({ userId: a.user.id, status: 'volunteer', motivation: input.motivation, availability: input.availability })
			.returning({ id: boardMemberships.id });
		await tx.insert(boardMembershipEvents).values({ membershipId: row!.id, actorId: a.user.id, fromStatus: null, toStatus: 'volunteer' });
		emit({ type: 'board.membership.changed', membershipId: row!.id, userId: a.user.id, from: null, to: 'volunteer' });
	});
	return myBoard(actor, opts.locale);
}

/** Saves the person's own profile (the consent rules in writeProfile). */
export async function saveProfile(actor: Actor, raw: SaveBoardProfileInput, opts: { locale: Language; via: ConsentMethod }): Promise<MyBoard> {
	const a = requireCapability(actor, 'board.volunteer');
	const input = parseInput(SaveBoardProfileInput, raw);
	await transact(async (tx) => {
		await lockPerson(tx, a.user.id);
		await writeProfile(tx, a.user.id, input, opts);
	});
	return myBoard(actor, opts.locale);
}

/**
 * Withdraws consent: the relationship answer is erased at once and the
 * withdrawal recorded (the confirmation the person saw, in their language).
 * Idempotent: with no consent standing and nothing stored, nothing changes.
 */
export async function withdrawConsent(actor: Actor, opts: { locale: Language; via: ConsentMethod }): Promise<MyBoard> {
	const a = requireCapability(actor, 'board.volunteer');
	await transact(async (tx) => {
		await lockPerson(tx, a.user.id);
		const [[profile], latest] = await Promise.all([
			tx.select({ sealed: boardProfiles.sensitiveSealed }).from(boardProfiles).where(eq(boardProfiles.userId, a.user.id)),
			latestConsent(tx, a.user.id)
		]);
		const standing = latest?.action === 'given';
		if (!standing && !profile?.sealed) return;
		const now = new Date();
		if (profile) await tx.update(boardProfiles).set({ sensitiveSealed: null, updatedAt: now }).where(eq(boardProfiles.userId, a.user.id));
		await tx.insert(boardConsents).values({
			userId: a.user.id,
			dimension: SENSITIVE_DIMENSION,
			action: 'withdrawn',
			textVersion: latest?.textVersion ?? CONSENT_VERSION,
			text: translate('board_consent_withdraw_confirm', opts.locale),
			language: opts.locale,
			method: opts.via,
			at: now
		});
	});
	return myBoard(actor, opts.locale);
}

/**
 * The person ends their own volunteering (or, as an active member, steps
 * down): one status step by 'self' to withdrawn. With nothing open, nothing
 * changes (asking twice is not an error).
 */
export async function withdrawVolunteering(actor: Actor, raw: WithdrawVolunteeringInput, locale: Language): Promise<MyBoard> {
	const a = requireCapability(actor, 'board.volunteer');
	const input = parseInput(WithdrawVolunteeringInput, raw);
	await transact(async (tx, emit: Emit) => {
		await lockPerson(tx, a.user.id);
		const [open] = await tx
			.select({ id: boardMemberships.id })
			.from(boardMemberships)
			.where(and(eq(boardMemberships.userId, a.user.id), inArray(boardMemberships.status, [...OPEN_BOARD_STATUSES])));
		if (!open) return;
		await stepMembership(tx, emit, { membershipId: open.id, to: 'withdrawn', actorId: a.user.id, by: 'self', reason: input.reason ?? null });
	});
	return myBoard(actor, locale);
}

/**
 * One person's profile as a coordinator sees it, the relationship answer
 * included. Every call is written to the audit log ('board.profile_view'), in
 * the same transaction as the read: no view without its record.
 */
export async function coordinatorProfileView(actor: Actor, userId: string, locale: Language): Promise<CoordinatorProfileView> {
	const a = requireCapability(actor, 'board.manage');
	if (!z.uuid().safeParse(userId).success) throw new DomainError('not_found', 'board_profile_error_not_found');
	return transact(async (tx) => {
		const [person] = await tx.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.id, userId));
		if (!person) throw new DomainError('not_found', 'board_profile_error_not_found');
		const defs = await dimensionDefs(tx);
		const view = await readProfile(tx, userId, defs);
		await audit(tx, { actorId: a.user.id, action: 'board.profile_view', targetKind: 'board_profile', targetId: userId, subjectId: userId });
		return { ...view, userId: person.id, displayName: person.displayName, dimensions: inLanguage(defs, locale) };
	});
}
