// `npm run search:index`: creates (or with --drop removes) the optional newest-first search
// index on the Postgres database in DATABASE_URL. See src/lib/server/discussion/search-index.ts
// for what it does and why it is opt-in. Built concurrently: the platform can keep running.
import { readConfig } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db';
import { createNewestFirstIndex, dropNewestFirstIndex } from '../src/lib/server/discussion/search-index';

const url = process.env.DATABASE_URL;
if (!url) {
	console.error('search:index needs DATABASE_URL (a Postgres database; PGlite has no RUM).');
	process.exit(2);
}
const database = await openDatabase({ url, dataDir: readConfig().dataDir, maxConnections: 1 });
try {
	const outcome = process.argv.includes('--drop') ? await dropNewestFirstIndex(database) : await createNewestFirstIndex(database);
	const said: Record<typeof outcome, string> = {
		created: 'created: search reads plain-word matches newest first (running servers notice within a minute)',
		present: 'already there',
		dropped: 'dropped: search uses the GIN index',
		absent: 'not there',
		unavailable: 'the rum extension is not available on this server (Debian: apt-get install postgresql-15-rum); search uses the GIN index'
	};
	console.log(`search index: ${said[outcome]}`);
	process.exitCode = outcome === 'unavailable' ? 1 : 0;
} finally {
	await database.close();
}
