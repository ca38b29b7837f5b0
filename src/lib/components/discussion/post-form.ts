import type { SubmitFunction } from '@sveltejs/kit';

/**
 * `use:enhance` for the forms that make a post (reply, new thread). While one
 * submission is on its way the button is disabled and the form is busy, so a
 * second press sends nothing (the form's key would make it harmless anyway).
 * After the post is made the text boxes are emptied: the action redirects
 * back to the same page, which SvelteKit updates in place, so without this
 * the old text stayed in the box and the next reply came out as old plus new.
 */
export const submitPost: SubmitFunction = ({ formElement, submitter }) => {
	const button = submitter instanceof HTMLButtonElement ? submitter : null;
	formElement.setAttribute('aria-busy', 'true');
	if (button) button.disabled = true;
	return async ({ result, update }) => {
		try {
			if (result.type === 'redirect' || result.type === 'success')
				for (const field of formElement.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>('textarea, input[type="text"]')) field.value = '';
			await update({ reset: false });
		} finally {
			formElement.removeAttribute('aria-busy');
			if (button) button.disabled = false;
		}
	};
};
