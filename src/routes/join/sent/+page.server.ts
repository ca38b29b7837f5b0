import type { PageServerLoad } from './$types';

/** Where both public ways in land, whatever became of the address: the email says the rest. */
export const load: PageServerLoad = ({ url }) => ({ invitation: url.searchParams.has('invitation') });
