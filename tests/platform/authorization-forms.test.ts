/**
 * The authorization matrix's third door: every form action of every page
 * (the API routes and socket events are in authorization-matrix.test.ts),
 * posted by every kind of caller as a browser without JavaScript would post
 * it, with the answer each must get. The actions are discovered from the
 * route files, so an action that is not in the table fails the suite.
 *
 * Forms are empty unless noted: whoever may use the action gets past the
 * guard and is answered for the form (400, or the action's own redirect or
 * page); whoever may not is sent to log in (303 /login), to the pending page
 * (303 /pending) or refused (403). Needs the production build (useServer's
 * `pages`, which builds it when it is missing or stale).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRINCIPALS, useServer, type Principal, type PrincipalName } from '../helpers/server';
import { newApplicant, newInvitationToken } from '../helpers/membership';
import { meetings } from '../../src/lib/server/db/schema';
import { createSurvey } from '../helpers/surveys';
import { captureExcerpt, draftInsight } from '../helpers/insights';

const routesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/routes');

/** `<page> ?/<name>` (or `<page> default`) for every action in every +page.server.ts. */
function discoverActions(): string[] {
	const found: string[] = [];
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.name === '+page.server.ts') {
				const source = fs.readFileSync(full, 'utf8');
				if (!/export const actions\b/.test(source)) continue;
				const block = /export const actions\b[^=]*=\s*\{([\s\S]*?)\n\}/.exec(source)?.[1];
				const names = block === undefined ? [] : [...block.matchAll(/^\t(?:async\s+)?([A-Za-z_$][\w$]*)\s*[:(,]/gm)].map((m) => m[1]!);
				// Better to stop than to skip: an action this reader misses would be an action the matrix never checks.
				if (names.length === 0) throw new Error(`${full}: exports actions in a shape this test cannot read; one action per line, tab-indented`);
				const page = '/' + path.relative(routesDir, dir).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s)).join('/');
				for (const name of names) found.push(name === 'default' ? `${page} default` : `${page} ?/${name}`);
			}
		}
	};
	walk(routesDir);
	return found.sort();
}

type Row = readonly [anonymous: string, pending: string, suspended: string, member: string, board_member: string, moderator: string, coordinator: string, policy_staff: string, admin: string];

// Where the guard sends those it does not let in.
const LOGIN = '303 /login';
const PENDING = '303 /pending';
const HOME = '303 /home';

// Anonymous and suspended (whose sessions ended with the suspension) are sent to log in; pending accounts to the
// pending page. The discussion is for active members of the group (member, board_member, moderator); staff without
// `member` are refused, as in the API. An answer of 400 is the empty form refused by whoever may send it.
// prettier-ignore
const ACTIONS: Record<string, Row> = {
	//                                   anon     pend     susp     member   board    mod      coord    policy   admin
	'/account ?/profile':               [ LOGIN,   '400',   LOGIN,   '400',   '400',   '400',   '400',   '400',   '400'   ],
	'/account ?/password':              [ LOGIN,   '400',   LOGIN,   '400',   '400',   '400',   '400',   '400',   '400'   ],
	'/account ?/endSession':            [ LOGIN,   '400',   LOGIN,   '400',   '400',   '400',   '400',   '400',   '400'   ],
	// Ends every session of the caller, so whoever had one is then sent to log in too.
	'/account ?/everywhere':            [ LOGIN,   LOGIN,   LOGIN,   LOGIN,   LOGIN,   LOGIN,   LOGIN,   LOGIN,   LOGIN   ],
	// Every active person may keep a calendar feed address of their own: made (or made anew) and stopped, no fields needed.
	'/account/calendar ?/make':         [ LOGIN,   PENDING, LOGIN,   '200',   '200',   '200',   '200',   '200',   '200'   ],
	'/account/calendar ?/stop':         [ LOGIN,   PENDING, LOGIN,   '200',   '200',   '200',   '200',   '200',   '200'   ],
	'/admin/categories ?/create':       [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '403',   '403',   '403',   '400'   ],
	'/admin/categories ?/update':       [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '403',   '403',   '403',   '400'   ],
	'/admin/categories ?/archive':      [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '403',   '403',   '403',   '400'   ],
	'/admin/categories ?/move':         [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '403',   '403',   '403',   '400'   ],
	// A valid form (an empty one is a 500 today: updateSettings throws a ZodError that no one turns into a 400).
	'/admin/settings ?/save':           [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '403',   '403',   '403',   '200'   ],
	'/admin/users ?/update':            [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '403',   '403',   '403',   '400'   ],
	// The sounding board, the person's own side: for whoever may volunteer (members of the group); coordinators, policy
	// staff and admins are refused. Empty forms: no confirmation, no motivation, no answers.
	'/board ?/withdraw':                 [ LOGIN,   PENDING, LOGIN,   '400',   '400',   '400',   '403',   '403',   '403'   ],
	'/board/profile ?/save':             [ LOGIN,   PENDING, LOGIN,   '400',   '400',   '400',   '403',   '403',   '403'   ],
	'/board/profile ?/withdrawConsent':  [ LOGIN,   PENDING, LOGIN,   '400',   '400',   '400',   '403',   '403',   '403'   ],
	'/board/volunteer default':          [ LOGIN,   PENDING, LOGIN,   '400',   '400',   '400',   '403',   '403',   '403'   ],
	// The board's composition side: coordinators only (policy staff read the composition, a page without forms). Empty forms.
	'/board/targets ?/save':             [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '403',   '400',   '403',   '403'   ],
	'/board/dimensions ?/add':           [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '403',   '400',   '403',   '403'   ],
	'/board/dimensions ?/archive':       [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '403',   '400',   '403',   '403'   ],
	// The coordinators' board: a person's steps and term for coordinators; answering an invitation for whoever may volunteer.
	'/board/manage/people/[id] ?/step':  [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '403',   '400',   '403',   '403'   ],
	'/board/manage/people/[id] ?/term':  [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '403',   '400',   '403',   '403'   ],
	'/board/invitation ?/answer':        [ LOGIN,   PENDING, LOGIN,   '400',   '400',   '400',   '403',   '403',   '403'   ],
	// Drawing the board: coordinators only. An empty form has no seats; the result page's forms act on a draw that does not
	// exist, so the page they come back to is a 404 whatever the action said.
	'/board/selection ?/check':          [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '403',   '400',   '403',   '403'   ],
	'/board/selection ?/draw':           [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '403',   '400',   '403',   '403'   ],
	'/board/selection/[id] ?/invite':    [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '403',   '404',   '403',   '403'   ],
	'/board/selection/[id] ?/alternate': [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '403',   '404',   '403',   '403'   ],
	'/board/selection/[id] ?/rerun':     [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '403',   '404',   '403',   '403'   ],
	// After a session: coordinators publish notes, open them for a correction, post the summary to the group and mark
	// follow-ups done. Empty forms; the fixture session's notes are not published, so a correction and the summary are
	// refused (409).
	'/board/sessions/[id]/notes ?/publish': [ LOGIN, PENDING, LOGIN,  '403',   '403',   '403',   '400',   '403',   '403'   ],
	'/board/sessions/[id]/notes ?/reopen':  [ LOGIN, PENDING, LOGIN,  '403',   '403',   '403',   '409',   '403',   '403'   ],
	'/board/sessions/[id]/notes ?/summary': [ LOGIN, PENDING, LOGIN,  '403',   '403',   '403',   '400',   '403',   '403'   ],
	'/board/sessions/[id]/notes ?/done':    [ LOGIN, PENDING, LOGIN,  '403',   '403',   '403',   '400',   '403',   '403'   ],
	'/board/follow-ups ?/done':             [ LOGIN, PENDING, LOGIN,  '403',   '403',   '403',   '400',   '403',   '403'   ],
	// The live room's questions and quick polls: whoever may enter the room (the fixture session has no invitees: its
	// coordinators) gets past the session's rule to the empty form; a board member not invited is told it is not theirs,
	// anyone else that it does not exist.
	'/board/sessions/[id]/room ?/ask':        [ LOGIN, PENDING, LOGIN, '404',   '403',   '404',   '400',   '404',   '404'   ],
	'/board/sessions/[id]/room ?/vote':       [ LOGIN, PENDING, LOGIN, '404',   '403',   '404',   '400',   '404',   '404'   ],
	'/board/sessions/[id]/room ?/answered':   [ LOGIN, PENDING, LOGIN, '404',   '403',   '404',   '400',   '404',   '404'   ],
	'/board/sessions/[id]/room ?/poll':       [ LOGIN, PENDING, LOGIN, '404',   '403',   '404',   '400',   '404',   '404'   ],
	'/board/sessions/[id]/room ?/pollAnswer': [ LOGIN, PENDING, LOGIN, '404',   '403',   '404',   '400',   '404',   '404'   ],
	'/board/sessions/[id]/room ?/pollClose':  [ LOGIN, PENDING, LOGIN, '404',   '403',   '404',   '400',   '404',   '404'   ],
	// The room's notes, agenda and attendance, by the same rule: entries are written by coordinators (proposed by invited
	// board members); the rest is for coordinators. Empty forms.
	'/board/sessions/[id]/room ?/entry':      [ LOGIN, PENDING, LOGIN, '404',   '403',   '404',   '400',   '404',   '404'   ],
	'/board/sessions/[id]/room ?/edit':       [ LOGIN, PENDING, LOGIN, '404',   '403',   '404',   '400',   '404',   '404'   ],
	'/board/sessions/[id]/room ?/remove':     [ LOGIN, PENDING, LOGIN, '404',   '403',   '404',   '400',   '404',   '404'   ],
	'/board/sessions/[id]/room ?/decide':     [ LOGIN, PENDING, LOGIN, '404',   '403',   '404',   '400',   '404',   '404'   ],
	'/board/sessions/[id]/room ?/highlight':  [ LOGIN, PENDING, LOGIN, '404',   '403',   '404',   '400',   '404',   '404'   ],
	'/board/sessions/[id]/room ?/agenda':     [ LOGIN, PENDING, LOGIN, '404',   '403',   '404',   '400',   '404',   '404'   ],
	'/board/sessions/[id]/room ?/attendance': [ LOGIN, PENDING, LOGIN, '404',   '403',   '404',   '400',   '404',   '404'   ],
	// Scheduling: coordinators schedule (an empty form: 400), change (the fixture session is over: 409) and cancel (no
	// reason: 400). Answering is for invitees: the fixture has none, so the board and coordinators, who see it, are
	// refused (403) before the empty form is read; anyone else is told it does not exist.
	'/board/sessions/new ?/create':           [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '400',   '403',   '403'   ],
	'/board/sessions/[id] ?/rsvp':            [ LOGIN, PENDING, LOGIN, '404',   '403',   '404',   '403',   '404',   '404'   ],
	'/board/sessions/[id]/edit ?/save':       [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '409',   '403',   '403'   ],
	'/board/sessions/[id]/edit ?/cancel':     [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '400',   '403',   '403'   ],
	'/group/[category] ?/create':       [ LOGIN,   PENDING, LOGIN,   '400',   '400',   '400',   '403',   '403',   '403'   ],
	// The fixture thread is a discussion, not a question: nothing to accept there.
	'/group/t/[id] ?/accept':           [ LOGIN,   PENDING, LOGIN,   '409',   '409',   '409',   '403',   '403',   '403'   ],
	'/group/t/[id] ?/delete':           [ LOGIN,   PENDING, LOGIN,   '400',   '400',   '400',   '403',   '403',   '403'   ],
	'/group/t/[id] ?/edit':             [ LOGIN,   PENDING, LOGIN,   '400',   '400',   '400',   '403',   '403',   '403'   ],
	// Valid forms on a fresh post: the page lets members in and the domain refuses all but moderators.
	'/group/t/[id] ?/moderate':         [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '303 /group/t/:id', '403', '403', '403' ],
	'/group/t/[id] ?/modedit':          [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '303 /group/t/:id', '403', '403', '403' ],
	'/group/t/[id] ?/react':            [ LOGIN,   PENDING, LOGIN,   '400',   '400',   '400',   '403',   '403',   '403'   ],
	'/group/t/[id] ?/reply':            [ LOGIN,   PENDING, LOGIN,   '400',   '400',   '400',   '403',   '403',   '403'   ],
	'/group/t/[id] ?/report':           [ LOGIN,   PENDING, LOGIN,   '400',   '400',   '400',   '403',   '403',   '403'   ],
	'/group/t/[id] ?/thread':           [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '400',   '403',   '403',   '403'   ],
	'/group/t/[id] ?/watch':            [ LOGIN,   PENDING, LOGIN,   '400',   '400',   '400',   '403',   '403',   '403'   ],
	'/guidelines ?/accept':             [ LOGIN,   PENDING, LOGIN,   '400',   '400',   '400',   '400',   '400',   '400'   ],
	'/guidelines ?/publish':            [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '403',   '403',   '403',   '400'   ],
	// An empty form is a link for anyone: made.
	'/invitations ?/create':            [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '200',   '403',   '403',   '200'   ],
	'/invitations ?/revoke':            [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '400',   '403',   '403',   '400'   ],
	// The ways in are public; the form is read first.
	'/forgot default':                  [ '400',   '400',   '400',   '400',   '400',   '400',   '400',   '400',   '400'   ],
	'/invite/[token] default':          [ '400',   '400',   '400',   '400',   '400',   '400',   '400',   '400',   '400'   ],
	// The link is the credential, whoever follows it: a made-up one is no link.
	'/reset/[token] default':           [ '404',   '404',   '404',   '404',   '404',   '404',   '404',   '404',   '404'   ],
	'/join default':                    [ '400',   PENDING, '400',   HOME,    HOME,    HOME,    HOME,    HOME,    HOME    ],
	'/language default':                [ '303 /', '303 /', '303 /', '303 /', '303 /', '303 /', '303 /', '303 /', '303 /' ],
	'/login default':                   [ '400',   HOME,    '400',   HOME,    HOME,    HOME,    HOME,    HOME,    HOME    ],
	'/logout default':                  [ '303 /', '303 /', '303 /', '303 /', '303 /', '303 /', '303 /', '303 /', '303 /' ],
	'/members/[handle] ?/report':       [ LOGIN,   PENDING, LOGIN,   '400',   '400',   '400',   '403',   '403',   '403'   ],
	'/moderation ?/post':               [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '400',   '403',   '403',   '403'   ],
	'/moderation ?/member':             [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '400',   '403',   '403',   '403'   ],
	'/moderation ?/join':               [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '400',   '403',   '403',   '403'   ],
	'/moderation/members/[id] ?/act':   [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '400',   '403',   '403',   '403'   ],
	'/moderation/members/[id] ?/note':  [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '400',   '403',   '403',   '403'   ],
	'/moderation/requests ?/decide':    [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '400',   '403',   '403',   '403'   ],
	'/moderation/words ?/add':          [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '400',   '403',   '403',   '403'   ],
	'/moderation/words ?/remove':       [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '400',   '403',   '403',   '403'   ],
	'/moderation/words ?/test':         [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '400',   '403',   '403',   '403'   ],
	'/moderation/words ?/import':       [ LOGIN,   PENDING, LOGIN,   '403',   '403',   '400',   '403',   '403',   '403'   ],
	// Every active person has an inbox.
	'/notifications ?/read':            [ LOGIN,   PENDING, LOGIN,   '400',   '400',   '400',   '400',   '400',   '400'   ],
	'/notifications ?/readAll':         [ LOGIN,   PENDING, LOGIN,   '200',   '200',   '200',   '200',   '200',   '200'   ],
	// For applicants (each withdraws a request of their own, refused here for the empty form); members are sent home.
	'/pending ?/withdraw':              [ LOGIN,   '400',   LOGIN,   HOME,    HOME,    HOME,    HOME,    HOME,    HOME    ],
	'/profile default':                 [ LOGIN,   PENDING, LOGIN,   '200',   '200',   '200',   '403',   '403',   '403'   ],
	// The policy loop: coordinators draft insights (new, edit, evidence, remove, submit), policy staff review them and keep
	// the themes, both merge; anyone else is refused. The fixture insight is submitted (status new): an empty form is
	// refused (400), and submitting it again is a conflict (409). Moderators and coordinators who read the group capture a
	// post's words (the demo coordinator is not in the group: refused); an empty excerpt is refused.
	'/insights/new ?/create':                    [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '400',   '403',   '403'   ],
	'/insights/[id] ?/edit':                     [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '400',   '403',   '403'   ],
	'/insights/[id] ?/evidence':                 [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '400',   '403',   '403'   ],
	'/insights/[id] ?/remove':                   [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '400',   '403',   '403'   ],
	'/insights/[id] ?/submit':                   [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '409',   '403',   '403'   ],
	'/insights/[id] ?/review':                   [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '403',   '400',   '403'   ],
	'/insights/[id] ?/merge':                    [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '400',   '400',   '403'   ],
	'/insights/themes ?/add':                    [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '403',   '400',   '403'   ],
	'/insights/themes ?/archive':                [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '403',   '400',   '403'   ],
	'/group/t/[id]/capture/[postId] ?/capture':  [ LOGIN, PENDING, LOGIN, '403',   '403',   '400',   '403',   '403',   '403'   ],
	// Policy actions and outcomes: policy staff only. An empty form is refused (400); on an action or outcome that does not
	// exist (2147483000) the refused form's page is a 404.
	'/insights/actions ?/create':                [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '403',   '400',   '403'   ],
	'/insights/actions/[id] ?/status':           [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '403',   '404',   '403'   ],
	'/insights/actions/[id] ?/update':           [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '403',   '404',   '403'   ],
	'/outcomes/new ?/save':                      [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '403',   '400',   '403'   ],
	'/outcomes/[id] ?/publish':                  [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '403',   '404',   '403'   ],
	// Surveys: owners (coordinators and policy staff) build, open and publish. The fixture is a draft with dates and no
	// questions: an empty form is refused (400); removing no question is a 404;
	// opening it is refused for want of questions and closing it for not being open (409). Answering is for members of a
	// survey's audience once it is open: the draft does not exist for them, nor for an admin (404); owners see it but may not
	// answer it (403).
	'/surveys/new ?/create':              [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '400',   '400',   '403'   ],
	'/surveys/[id]/edit ?/settings':      [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '400',   '400',   '403'   ],
	'/surveys/[id]/edit ?/section':       [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '400',   '400',   '403'   ],
	'/surveys/[id]/edit ?/question':      [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '400',   '400',   '403'   ],
	'/surveys/[id]/edit ?/update':        [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '400',   '400',   '403'   ],
	'/surveys/[id]/edit ?/move':          [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '400',   '400',   '403'   ],
	'/surveys/[id]/edit ?/remove':        [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '404',   '404',   '403'   ],
	'/surveys/[id]/edit ?/schedule':      [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '409',   '409',   '403'   ],
	'/surveys/[id]/edit ?/close':         [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '409',   '409',   '403'   ],
	'/surveys/[id] ?/answer':             [ LOGIN, PENDING, LOGIN, '404',   '404',   '404',   '403',   '403',   '404'   ],
	'/surveys/[id]/results ?/publish':    [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '400',   '400',   '403'   ],
	'/surveys/[id]/results ?/evidence':   [ LOGIN, PENDING, LOGIN, '403',   '403',   '403',   '400',   '400',   '403'   ]
};

const t = useServer({ pages: true });
const principals = {} as Record<PrincipalName, Principal>;
let fixture: { helperCookie: string; threadId: number; postId: number; memberId: string; token: string };

beforeAll(async () => {
	for (const name of PRINCIPALS) principals[name] = await t.principal(name);
	const helper = await t.createUser({ roles: ['member'], displayName: 'Forms Helper' });
	const helperCookie = await t.login(helper.email, helper.password);
	const thread = await t.api('/api/threads', { method: 'POST', cookie: helperCookie, body: { category: 'welcome', title: 'Forms matrix thread', body: 'Hello.' } });
	if (thread.status !== 201) throw new Error(`thread: ${thread.status} ${JSON.stringify(thread.body)}`);
	fixture = { helperCookie, threadId: thread.body.threadId, postId: thread.body.postId, memberId: helper.id, token: (await newInvitationToken(t)).token };
});

/** A board session held yesterday, its notes not published: the sessions' pages act on it. */
let sessionId = 0;
beforeAll(async () => {
	const start = new Date(Date.now() - 24 * 3600_000);
	const [m] = await t.db.insert(meetings).values({ title: 'Forms matrix session', startAt: start, endAt: new Date(start.getTime() + 3600_000) }).returning({ id: meetings.id });
	sessionId = m!.id;
});

/** A draft survey (dates set, no questions yet) by the demo coordinator: the surveys' pages act on it. */
let surveyId = 0;
beforeAll(async () => {
	surveyId = await createSurvey(t, principals.coordinator.cookie!);
});

/** An insight the demo coordinator drafted from the moderator's excerpt and submitted (status new): the insight pages act on it. */
let insightId = 0;
beforeAll(async () => {
	const excerpt = await captureExcerpt(t, principals.moderator.cookie!, fixture.postId, 'Hello.');
	insightId = await draftInsight(t, principals.coordinator.cookie!, { excerpts: [excerpt] });
	const submitted = await t.api(`/api/insights/${insightId}/submit`, { method: 'POST', cookie: principals.coordinator.cookie });
	if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
});

/** A fresh post by the fixture's helper, for a moderator to act on once. */
async function helperPost(): Promise<string> {
	const res = await t.api(`/api/threads/${fixture.threadId}/posts`, { method: 'POST', cookie: fixture.helperCookie, body: { body: `Another reply ${randomUUID().slice(0, 8)}` } });
	if (res.status !== 201) throw new Error(`helper post: ${res.status} ${JSON.stringify(res.body)}`);
	return String(res.body.id);
}

interface Form {
	cookie: string | undefined;
	fields?: Record<string, string>;
	after?: () => Promise<void>;
}

/** The form `who` sends to `action`: empty, with their own session, unless the action needs otherwise. */
async function formFor(action: string, who: Principal): Promise<Form> {
	switch (action) {
		case '/logout default':
			// A session of its own, so the principal keeps theirs.
			return { cookie: await who.freshCookie() };
		case '/account ?/everywhere':
			return {
				cookie: await who.freshCookie(),
				after: async () => {
					// Every session of the principal ended; sign them in again for the rows after this one.
					if (who.name !== 'anonymous' && who.name !== 'suspended') who.cookie = await who.freshCookie();
				}
			};
		case '/pending ?/withdraw':
			// The demo applicant stays; an applicant of their own withdraws instead.
			return { cookie: who.name === 'pending' ? (await newApplicant(t)).cookie : who.cookie };
		case '/group/t/[id] ?/moderate':
			return { cookie: who.cookie, fields: { postId: await helperPost(), action: 'hide' } };
		case '/group/t/[id] ?/modedit':
			return { cookie: who.cookie, fields: { postId: await helperPost(), body: 'Corrected by a moderator.', note: 'A typo' } };
		case '/admin/settings ?/save':
			return { cookie: who.cookie, fields: { reportsToHide: '3' } };
		default:
			return { cookie: who.cookie };
	}
}

/** The page's address with its parameters filled from the fixture. */
function addressOf(action: string): string {
	const [page, name] = action.split(' ') as [string, string];
	const url = page
		.replace('/group/[category]', '/group/welcome')
		.replace('/group/t/[id]/capture/[postId]', `/group/t/${fixture.threadId}/capture/${fixture.postId}`)
		.replace('/insights/actions/[id]', '/insights/actions/2147483000')
		.replace('/outcomes/[id]', '/outcomes/2147483000')
		.replace('/insights/[id]', `/insights/${insightId}`)
		.replace('/group/t/[id]', `/group/t/${fixture.threadId}`)
		.replace('/members/[handle]', '/members/sanne-de-vries')
		.replace('/moderation/members/[id]', `/moderation/members/${fixture.memberId}`)
		.replace('/board/manage/people/[id]', `/board/manage/people/${fixture.memberId}`)
		.replace('/board/selection/[id]', '/board/selection/2147483000')
		.replace('/board/sessions/[id]', `/board/sessions/${sessionId}`)
		.replace('/surveys/[id]', `/surveys/${surveyId}`)
		.replace('/invite/[token]', `/invite/${fixture.token}`)
		.replace('/reset/[token]', `/reset/${'a'.repeat(32)}`);
	if (url.includes('[')) throw new Error(`no parameters for ${page}: add them to addressOf`);
	return name === 'default' ? url : `${url}${name}`;
}

/** What came back: the status, and for a redirect where it leads (ids as :id, without its query or fragment). */
function outcome(status: number, location: string | null): string {
	if (status < 300 || status >= 400) return String(status);
	const target = (location ?? '?').replace(/[?#].*$/, '').replace(/\/(\d+|[0-9a-f]{8}-[0-9a-f-]{27})(?=\/|$)/g, '/:id');
	return `${status} ${target}`;
}

describe('authorization matrix: form actions', () => {
	it('the table covers exactly the actions the pages export', () => {
		const discovered = discoverActions();
		expect(discovered.length).toBeGreaterThan(40);
		expect(discovered.filter((a) => !(a in ACTIONS)), 'actions in src/routes with no row in ACTIONS').toEqual([]);
		expect(Object.keys(ACTIONS).filter((a) => !discovered.includes(a)), 'rows in ACTIONS for no action in src/routes').toEqual([]);
	});

	it.each(Object.entries(ACTIONS))('%s', async (action, row) => {
		const outcomes: string[] = [];
		const expected: string[] = [];
		for (const [i, name] of PRINCIPALS.entries()) {
			const form = await formFor(action, principals[name]);
			// As a browser without JavaScript posts a form: SvelteKit answers JSON to anything that does not accept HTML.
			const res = await t.api(addressOf(action), {
				method: 'POST',
				cookie: form.cookie,
				origin: t.url,
				headers: { accept: 'text/html' },
				rawBody: new URLSearchParams(form.fields ?? {}).toString(),
				contentType: 'application/x-www-form-urlencoded'
			});
			await form.after?.();
			outcomes.push(`${name}: ${outcome(res.status, res.headers.get('location'))}`);
			expected.push(`${name}: ${row[i]}`);
		}
		expect(outcomes).toEqual(expected);
	});
});
