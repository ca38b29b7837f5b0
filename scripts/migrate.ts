// `npm run db:migrate`: apply drizzle/ to DATABASE_URL, or to the embedded database in DATA_DIR.
import { readConfig } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db';

const config = readConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
await database.migrate(config.migrationsFolder);
await database.close();
console.log(`migrations applied (${database.kind})`);
