import type { SubmitFunction } from '@sveltejs/kit';

/**
 * `use:enhance` for the builder's forms: a refused form keeps what was typed
 * (the problems are shown beside it), and a form that worked is emptied, so
 * the next question starts afresh. The builder answers a change with a
 * redirect to itself, which SvelteKit does not reset on its own.
 */
export const clearOnRedirect: SubmitFunction = () => async ({ result, update, formElement }) => {
	if (result.type === 'redirect') formElement.reset();
	await update({ reset: false });
};
