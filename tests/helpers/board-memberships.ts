import { desc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TestServer } from './server';
import { boardMemberships } from '../../src/lib/server/db/schema';

/** A new member who volunteers through the API, as from their home page; returns their login and membership. */
export async function newVolunteer(server: TestServer, name: string, answers: Record<string, string> = { work: 'paid_job' }) {
	const user = await server.createUser({ displayName: name });
	const cookie = await server.login(user.email, user.password);
	const res = await server.api('/api/board/me/volunteer', { method: 'POST', cookie, body: { motivation: `${name} wants to help.`, availability: 'Evenings', answers } });
	expect(res.status).toBe(201);
	const [m] = await server.db.select().from(boardMemberships).where(eq(boardMemberships.userId, user.id)).orderBy(desc(boardMemberships.id)).limit(1);
	return { ...user, cookie, membershipId: m!.id };
}
