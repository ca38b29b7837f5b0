import { z } from 'zod';
import { db, transact } from '../runtime';
import { settings } from '../db/schema';
import { requireCapability, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { forgetSettings, getSetting, SETTINGS, type SettingKey } from '../settings';
import { audit } from '../audit/log';

export interface SettingView {
	key: SettingKey;
	value: number;
	default: number;
	min: number;
	max: number;
}

const KEYS = Object.keys(SETTINGS) as SettingKey[];

function bounds(key: SettingKey): { min: number; max: number; default: number } {
	const json = z.toJSONSchema(SETTINGS[key], { io: 'input' }) as { minimum?: number; maximum?: number; default?: number };
	return { min: json.minimum ?? 0, max: json.maximum ?? Number.MAX_SAFE_INTEGER, default: json.default ?? 0 };
}

/** Every setting an admin can change, with its current value, default and bounds. */
export async function listSettings(actor: Actor): Promise<SettingView[]> {
	requireCapability(actor, 'admin.settings');
	return Promise.all(KEYS.map(async (key) => ({ key, value: (await getSetting(key)) as number, ...bounds(key) })));
}

export const UpdateSettingsInput = z
	.record(z.string(), z.unknown(), { error: 'error_settings' })
	.refine((v) => Object.keys(v).length > 0 && Object.keys(v).every((k) => (KEYS as string[]).includes(k)), { error: 'error_settings' });
export type UpdateSettingsInput = z.input<typeof UpdateSettingsInput>;

/**
 * Changes some settings at once; each value within its bounds, or nothing
 * changes. Every value out of bounds is named at once (each with its own
 * bounds), in the order of the settings, so a form lists them all. Recorded
 * in the audit log.
 */
export async function updateSettings(actor: Actor, raw: UpdateSettingsInput): Promise<SettingView[]> {
	const a = requireCapability(actor, 'admin.settings');
	const input = parseInput(UpdateSettingsInput, raw);
	const values = new Map<SettingKey, number>();
	const bad: SettingKey[] = [];
	for (const key of KEYS) {
		if (!(key in input)) continue;
		const value = input[key];
		const parsed = SETTINGS[key].safeParse(typeof value === 'string' && value.trim() !== '' ? Number(value) : value);
		if (parsed.success) values.set(key, parsed.data as number);
		else bad.push(key);
	}
	if (bad.length) {
		const first = bad[0]!;
		throw new DomainError('invalid_input', 'error_setting_value', {
			field: first,
			params: bounds(first),
			fields: Object.fromEntries(bad.map((key) => [key, 'error_setting_value'])),
			fieldParams: Object.fromEntries(bad.map((key) => [key, bounds(key)]))
		});
	}
	await transact(async (tx) => {
		for (const [key, value] of values) {
			const before = await getSetting(key, tx);
			if (before === value) continue;
			await tx.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
			await audit(tx, { actorId: a.user.id, action: 'settings.change', targetKind: 'setting', targetId: key, before: { value: before }, after: { value } });
		}
	});
	forgetSettings();
	void db;
	return listSettings(actor);
}
