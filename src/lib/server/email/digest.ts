import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db, transact } from '../runtime';
import { notifications, profiles, threads, users } from '../db/schema';
import { userColumns } from '../auth/actor';
import { can, type Language } from '../../roles';
import { translate } from '../../i18n/translate';
import { compose, enqueueEmail, siteUrl } from './outbox';

/**
 * The daily digest: members who asked for it (profiles.email_digest) get, at
 * most once a day, one email listing the notifications they have neither read
 * nor been emailed about. Each notification is emailed once (emailed_at).
 */
const DAY_MS = 24 * 3_600_000;
const MAX_ITEMS = 50;

export async function queueDueDigests(now = new Date()): Promise<number> {
	const since = new Date(now.getTime() - DAY_MS);
	const due = await db()
		.select({ ...userColumns })
		.from(profiles)
		.innerJoin(users, eq(users.id, profiles.userId))
		.where(
			and(
				eq(profiles.emailDigest, true),
				eq(users.status, 'active'),
				sql`(${profiles.lastDigestAt} is null or ${profiles.lastDigestAt} <= ${since.toISOString()})`,
				sql`exists (select 1 from ${notifications} n where n.user_id = ${users.id} and n.read_at is null and n.emailed_at is null)`
			)
		)
		.limit(200);
	let queued = 0;
	for (const user of due) {
		if (!can(user, 'group.participate')) continue;
		if (await queueDigest(user.id, user.email, user.language, now)) queued++;
	}
	return queued;
}

async function queueDigest(userId: string, email: string, language: Language, now: Date): Promise<boolean> {
	return transact(async (tx) => {
		const items = await tx
			.select({ id: notifications.id, kind: notifications.kind, title: threads.title, threadStatus: threads.status })
			.from(notifications)
			.leftJoin(threads, eq(threads.id, notifications.threadId))
			.where(and(eq(notifications.userId, userId), isNull(notifications.readAt), isNull(notifications.emailedAt)))
			.orderBy(asc(notifications.id))
			.limit(MAX_ITEMS);
		await tx.update(profiles).set({ lastDigestAt: now }).where(eq(profiles.userId, userId));
		if (items.length === 0) return false;
		await tx
			.update(notifications)
			.set({ emailedAt: now })
			.where(inArray(notifications.id, items.map((i) => i.id)));
		const lines = items.map((i) => {
			const what = translate(`email_digest_kind_${i.kind}`, language);
			// Only titles anyone in the group can still see go out by email.
			return i.title && i.threadStatus === 'visible' ? `- ${what}: ${i.title}` : `- ${what}`;
		});
		const mail = compose(
			language,
			'email_digest_subject',
			[['email_digest_intro', { count: items.length }], lines.join('\n'), ['email_digest_link', { url: siteUrl('/home') }], ['email_digest_settings', { url: siteUrl('/profile') }]],
			{ count: items.length }
		);
		await enqueueEmail(tx, { to: email, ...mail, kind: 'digest', meta: { userId, notificationIds: items.map((i) => i.id) } });
		return true;
	});
}
