import type { SubmitFunction } from '@sveltejs/kit';

/**
 * `use:enhance` for forms after which the next page must load afresh (a login,
 * a password reset: who is here, their language and every session change), so
 * a redirect is a full navigation, not SvelteKit's in-place update.
 */
export const reloadOnRedirect: SubmitFunction = () => async ({ result, update }) => {
	if (result.type === 'redirect') window.location.assign(result.location);
	else await update();
};
