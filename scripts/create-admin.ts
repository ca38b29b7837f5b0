// `npm run admin:create -- <email> "<display name>"`: the first admin of a real (non-demo)
// installation, on DATABASE_URL or on the embedded database in DATA_DIR (stop the server
// first: an embedded database belongs to one process at a time). Reads the password from
// ADMIN_PASSWORD so it stays out of shell history.
import { readConfig } from '../src/lib/server/config';
import { startRuntime, stopRuntime, transact } from '../src/lib/server/runtime';
import { eq, sql } from 'drizzle-orm';
import { userRoles, users } from '../src/lib/server/db/schema';
import { uniqueHandle } from '../src/lib/server/accounts/handle';
import { hashPassword, passwordProblem } from '../src/lib/server/auth/password';
import { email as Email } from '../src/lib/server/auth/schemas';
import { displayName as DisplayName } from '../src/lib/server/accounts/schemas';

const [rawEmail, rawName] = process.argv.slice(2);
const password = process.env.ADMIN_PASSWORD ?? '';
const email = Email.safeParse(rawEmail);
const name = DisplayName.safeParse(rawName);
const problem = passwordProblem(password, rawEmail);
if (!email.success || !name.success || problem) {
	console.error('usage: ADMIN_PASSWORD=… npm run admin:create -- <email> "<display name>"');
	if (problem) console.error(`password: ${problem.replace('error_password_', '').replaceAll('_', ' ')} (8–128 characters, not a common one)`);
	process.exit(2);
}
const config = readConfig();
const runtime = await startRuntime(config);
await runtime.database.migrate(config.migrationsFolder);
const [existing] = await runtime.database.db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, email.data.toLowerCase()));
if (existing) {
	await stopRuntime();
	console.error(`an account with ${email.data} exists already; give it the admin role at /admin/users, or choose another address`);
	process.exit(1);
}
const passwordHash = await hashPassword(password);
await transact(async (tx) => {
	const [user] = await tx
		.insert(users)
		.values({ email: email.data, displayName: name.data, handle: await uniqueHandle(tx, name.data), status: 'active', passwordHash })
		.returning({ id: users.id });
	await tx.insert(userRoles).values({ userId: user!.id, role: 'admin' });
});
await stopRuntime();
console.log(`admin ${email.data} created (${runtime.database.kind})`);
