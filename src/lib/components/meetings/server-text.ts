import { browser } from '$app/environment';

/**
 * A textarea's text on the server only. Svelte renders `defaultValue` for an
 * input but not for a textarea, so a form sent without JavaScript and
 * refused came back with its textareas empty. The server renders `value`
 * as the textarea's content; in the browser `value` stays undefined (nothing
 * written over what was typed before the script ran) and `defaultValue`
 * carries the text, as for inputs.
 */
export const serverText = (text: string): string | undefined => (browser ? undefined : text);
