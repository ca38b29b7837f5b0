import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineRoute } from '../http/route';
import { runtime } from '../../lib/server/runtime';

export const healthRoutes = () => [
	defineRoute({
		method: 'GET',
		url: '/api/health',
		summary: 'Liveness with a real database round trip (503 when the database does not answer)',
		tags: ['operations'],
		access: 'public',
		response: z.object({ status: z.literal('ok'), database: z.enum(['postgres', 'pglite']) }),
		handler: async ({ reply }) => {
			const { database } = runtime();
			try {
				await database.rows(sql`select 1 as ok`);
				return { status: 'ok', database: database.kind };
			} catch {
				reply.code(503);
				return { status: 'unavailable', database: database.kind };
			}
		}
	})
];
