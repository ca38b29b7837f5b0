import { m } from '$lib/paraglide/messages';
import type { Region, Relation } from '$lib/shared/membership';

/** Region names, shared by the directory and profile pages. */
const REGION_LABELS: Record<string, () => string> = {
	europe: m.region_europe,
	africa: m.region_africa,
	middle_east: m.region_middle_east,
	asia: m.region_asia,
	americas: m.region_americas,
	oceania: m.region_oceania
} satisfies Record<Region, () => string>;

export const regionLabel = (region: string): string => REGION_LABELS[region]?.() ?? region;

const RELATION_LABELS: Record<string, () => string> = {
	spouse: m.relation_spouse,
	registered_partner: m.relation_registered_partner,
	cohabiting_partner: m.relation_cohabiting_partner,
	other: m.relation_other
} satisfies Record<Relation, () => string>;

export const relationLabel = (relation: string): string => RELATION_LABELS[relation]?.() ?? relation;
