import { customType } from 'drizzle-orm/pg-core';

/** PostgreSQL's tsvector, for the full-text index on posts. */
export const tsvector = customType<{ data: string }>({
	dataType: () => 'tsvector'
});
