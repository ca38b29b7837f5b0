/** The words people read for a wait, a time zone and a device: one helper each, in src/lib/format.ts. */
import { describe, expect, it } from 'vitest';
import { formatDuration, formatTimeZone, parseUserAgent, timeZoneOptions } from '../../src/lib/format';

describe('formatDuration', () => {
	it('says a wait in the largest sensible unit, rounded up, in Dutch and English', () => {
		expect(formatDuration(895, 'en')).toBe('15 minutes');
		expect(formatDuration(895, 'nl')).toBe('15 minuten');
		expect(formatDuration(1, 'en')).toBe('1 second');
		expect(formatDuration(42, 'nl')).toBe('42 seconden');
		expect(formatDuration(61, 'en')).toBe('2 minutes');
		expect(formatDuration(60, 'en')).toBe('1 minute');
		expect(formatDuration(3600, 'en')).toBe('1 hour');
		expect(formatDuration(3599, 'nl')).toBe('1 uur');
		expect(formatDuration(5400, 'en')).toBe('1 hour and 30 minutes');
		expect(formatDuration(5400, 'nl')).toBe('1 uur en 30 minuten');
		expect(formatDuration(3 * 86400, 'en')).toBe('3 days');
		expect(formatDuration(0, 'en')).toBe('1 second');
	});
});

describe('formatTimeZone', () => {
	const winter = new Date('2026-01-15T12:00:00Z');
	const summer = new Date('2026-07-15T12:00:00Z');
	it('names a zone by its place and its offset at that moment', () => {
		expect(formatTimeZone('Asia/Jakarta', winter)).toBe('Jakarta (UTC+7)');
		expect(formatTimeZone('Europe/Amsterdam', winter)).toBe('Amsterdam (UTC+1)');
		expect(formatTimeZone('Europe/Amsterdam', summer)).toBe('Amsterdam (UTC+2)');
		expect(formatTimeZone('America/New_York', winter)).toBe('New York (UTC−5)');
		expect(formatTimeZone('Asia/Kolkata', winter)).toBe('Kolkata (UTC+5:30)');
		expect(formatTimeZone('Africa/Abidjan', winter)).toBe('Abidjan (UTC+0)');
		expect(formatTimeZone('UTC', winter)).toBe('UTC');
	});
	it('lists every zone for a select, west to east, each value kept', () => {
		const options = timeZoneOptions(winter);
		expect(options.length).toBeGreaterThan(300);
		const labels = options.map((o) => o.label);
		expect(labels.indexOf('New York (UTC−5)')).toBeLessThan(labels.indexOf('Amsterdam (UTC+1)'));
		expect(labels.indexOf('Amsterdam (UTC+1)')).toBeLessThan(labels.indexOf('Jakarta (UTC+7)'));
		expect(options.find((o) => o.value === 'Asia/Jakarta')?.label).toBe('Jakarta (UTC+7)');
	});
});

describe('parseUserAgent', () => {
	const cases: [string, { browser?: string; system?: string }][] = [
		['Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0', { browser: 'Firefox', system: 'Android' }],
		['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', { browser: 'Chrome', system: 'Windows' }],
		['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', { browser: 'Edge', system: 'Windows' }],
		['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', { browser: 'Safari', system: 'iOS' }],
		['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', { browser: 'Safari', system: 'macOS' }],
		['Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36', { browser: 'Samsung Internet', system: 'Android' }],
		['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36', { browser: 'Chrome', system: 'Linux' }],
		['curl/8.5.0', { browser: undefined, system: undefined }]
	];
	it.each(cases)('%s', (ua, expected) => expect(parseUserAgent(ua)).toEqual(expected));
	it('knows nothing of a missing user agent', () => expect(parseUserAgent(null)).toEqual({}));
});
