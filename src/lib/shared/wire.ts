import { z } from 'zod';

/**
 * Building blocks of the shapes in this folder. Each shape is one zod schema:
 * its output type (`z.output`, dates as Date) is what the domain returns and
 * a page's load hands over; its input type (`z.input`, dates as ISO strings)
 * is what arrives as JSON, from the API or a socket; and the OpenAPI
 * document is generated from it (the JSON side).
 */

/** A point in time: a Date in the domain, an ISO 8601 string on the wire. */
export const isoDate = z
	.codec(z.iso.datetime(), z.date(), { decode: (s) => new Date(s), encode: (d) => d.toISOString() })
	.describe('ISO 8601');

/** One page of a list and the cursor of the next (null on the last page). */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
