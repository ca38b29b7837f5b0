import { z } from 'zod';
import { PASSWORD_MAX } from './password';
import { plain } from '../text';

/** Input schemas for auth, used by every transport and by the OpenAPI document. */
export const email = plain('error_email_invalid')
	.trim()
	.max(254, { error: 'error_email_invalid' })
	.pipe(z.email({ error: 'error_email_invalid' }));

export const LoginInput = z.object({
	email,
	// Only bounded here; the policy applies when a password is chosen, not when it is used.
	password: z.string({ error: 'error_password_required' }).min(1, { error: 'error_password_required' }).max(PASSWORD_MAX * 4, { error: 'error_password_too_long' })
});
export type LoginInput = z.infer<typeof LoginInput>;
