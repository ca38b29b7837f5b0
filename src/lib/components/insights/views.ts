import type { EvidenceKind } from '$lib/shared/insights';

/**
 * The shapes the insight pages hand their components, as the domain gives
 * them (src/lib/server/insights/evidence.ts): kept here, browser-safe, with
 * only the fields the components read.
 */

export type Bilingual = { nl: string; en: string };

export interface EvidenceShown {
	id: number;
	kind: EvidenceKind;
	withdrawn: boolean;
	text: string;
	source: { title: string | Bilingual; detail: string | Bilingual | null; at: Date | null } | null;
	survey: { id: number; question: string; dimension: string | null } | null;
	href: string | null;
}

export interface EvidencePool {
	notes: { id: number; body: string; meetingTitle: string; meetingStartAt: Date; itemTitle: string }[];
	surveyResults: { id: number; title: Bilingual; questionTitle: Bilingual; dimension: string | null }[];
	excerpts: { id: number; excerpt: string; capturedAt: Date }[];
}

export const bilingual = (value: string | Bilingual, locale: string): string => (typeof value === 'string' ? value : locale === 'en' ? value.en : value.nl);

/** An insight's own fields as its form shows them (and shows again after a refusal). */
export interface InsightValues {
	title: string;
	summary: string;
	themes: number[];
}
