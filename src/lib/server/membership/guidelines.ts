import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { db, runtime, transact } from '../runtime';
import type { Tx } from '../db';
import { guidelineAcceptances, guidelines } from '../db/schema';
import { DomainError } from '../errors';
import { requireActive, requireCapability, type Actor } from '../auth/actor';
import type { Language } from '../../shared/roles';
import type { GuidelinesView } from '../../shared/membership';
import type { PublishGuidelinesInput } from './schemas';
import { audit } from '../audit/log';
import { renderDocument } from '../discussion/markdown';

/**
 * The community guidelines: versioned text in Dutch and English, readable by
 * anyone (applicants read them before they accept them). Written by staff in
 * Markdown; rendered by the posts' rules (discussion/markdown.ts): no raw
 * HTML, no outside images (they would tell a tracker who read the page), links
 * that leave the site marked as such.
 */

export interface Guidelines {
	version: number;
	bodyNl: string;
	bodyEn: string;
	publishedAt: Date;
}

export const renderGuidelines = (body: string): string => renderDocument(body);

/** The current version, or null before any is published. */
export async function currentGuidelines(tx?: Tx): Promise<Guidelines | null> {
	const [row] = await (tx ?? db())
		.select({ version: guidelines.version, bodyNl: guidelines.bodyNl, bodyEn: guidelines.bodyEn, publishedAt: guidelines.publishedAt })
		.from(guidelines)
		.orderBy(desc(guidelines.version))
		.limit(1);
	return row ?? null;
}

export async function viewGuidelines(actor: Actor, locale: Language): Promise<GuidelinesView | null> {
	const g = await currentGuidelines();
	if (!g) return null;
	let acceptedAt: Date | null = null;
	if (actor.kind === 'user') {
		const [row] = await db()
			.select({ at: guidelineAcceptances.acceptedAt })
			.from(guidelineAcceptances)
			.where(and(eq(guidelineAcceptances.userId, actor.user.id), eq(guidelineAcceptances.version, g.version)));
		acceptedAt = row?.at ?? null;
	}
	return { version: g.version, publishedAt: g.publishedAt, html: renderGuidelines(locale === 'nl' ? g.bodyNl : g.bodyEn), acceptedAt };
}

/**
 * Checks, inside the registering transaction, that the person accepted the
 * version that is current now; a version published while they were reading
 * must be read first.
 */
export async function assertCurrentVersion(tx: Tx, version: number): Promise<number> {
	const g = await currentGuidelines(tx);
	if (!g) throw new DomainError('conflict', 'error_no_guidelines');
	if (g.version !== version) throw new DomainError('conflict', 'error_guidelines_changed', { field: 'acceptGuidelines' });
	return g.version;
}

export async function recordAcceptance(tx: Tx, userId: string, version: number): Promise<void> {
	await tx.insert(guidelineAcceptances).values({ userId, version }).onConflictDoNothing();
}

/** An active person accepts the current version (after a new one is published). */
export async function acceptCurrentGuidelines(actor: Actor, version: number): Promise<{ version: number; acceptedAt: Date }> {
	const a = requireActive(actor);
	return transact(async (tx) => {
		const v = await assertCurrentVersion(tx, version);
		await recordAcceptance(tx, a.user.id, v);
		const [row] = await tx
			.select({ at: guidelineAcceptances.acceptedAt })
			.from(guidelineAcceptances)
			.where(and(eq(guidelineAcceptances.userId, a.user.id), eq(guidelineAcceptances.version, v)));
		return { version: v, acceptedAt: row!.at };
	});
}

/** Admins publish a new version; it applies to everyone who registers from now on. */
export async function publishGuidelines(actor: Actor, input: PublishGuidelinesInput): Promise<Guidelines> {
	const a = requireCapability(actor, 'admin.settings');
	return transact(async (tx) => {
		const before = await currentGuidelines(tx);
		const [row] = await tx
			.insert(guidelines)
			.values({ bodyNl: input.bodyNl, bodyEn: input.bodyEn, publishedBy: a.user.id })
			.returning({ version: guidelines.version, bodyNl: guidelines.bodyNl, bodyEn: guidelines.bodyEn, publishedAt: guidelines.publishedAt });
		// Members accept it before they post again (moderation/posting.ts); the record keeps both texts.
		await audit(tx, {
			actorId: a.user.id,
			action: 'guidelines.publish',
			targetKind: 'guidelines',
			targetId: row!.version,
			before: before && { version: before.version, bodyNl: before.bodyNl, bodyEn: before.bodyEn },
			after: { version: row!.version, bodyNl: row!.bodyNl, bodyEn: row!.bodyEn }
		});
		return row!;
	});
}

/** The current version's number when the signed-in person has not accepted it yet, else null. */
export async function guidelinesToAccept(actor: Actor): Promise<number | null> {
	if (actor.kind !== 'user') return null;
	const [row] = await runtime().database.rows<{ v: number | null }>(sql`select ${versionToAcceptSql(sql`${actor.user.id}::uuid`)} as v`);
	return row?.v ?? null;
}

/**
 * SQL: the current version's number when the person (a uuid expression) has
 * not accepted it, else null (also when none is published). The one rule for
 * the banner and for posting (moderation/posting.ts).
 */
export const versionToAcceptSql = (userId: SQL) =>
	sql<number | null>`(select g.version from guidelines g where g.version = (select max(version) from guidelines) and not exists (select 1 from guideline_acceptances ga where ga.user_id = ${userId} and ga.version = g.version))`;

/** The current texts as written (markdown), for the admin's form to start from. */
export async function guidelinesSource(actor: Actor): Promise<{ bodyNl: string; bodyEn: string } | null> {
	requireCapability(actor, 'admin.settings');
	const g = await currentGuidelines();
	return g && { bodyNl: g.bodyNl, bodyEn: g.bodyEn };
}
