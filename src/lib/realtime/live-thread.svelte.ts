import type { PostChange, PostItem, ThreadChange } from '../shared/discussion';
import type { ThreadPresence } from '../shared/events';
import { liveSocket } from './client';
import type { LiveResource, LiveStatus } from './live-resource';
import { followThread, threadResource } from './thread-feed';

/**
 * The live side of an open thread page. Starts from the posts the server
 * rendered; which change to show and what to fetch after a gap is decided by
 * LiveResource (see there), fed by followThread; this class places changes on
 * the page and keeps presence and the thread's own state. New
 * replies are appended only when the reader is on the last page; otherwise
 * they are counted.
 */
export class LiveThread {
	posts = $state<PostItem[]>([]);
	readers = $state<{ id: string; name: string }[]>([]);
	/** Replies that arrived while the reader is not on the last page. */
	newElsewhere = $state(0);
	/** The thread's own state as last announced (locked, slow mode, still visible…), or null before any change. */
	state = $state<ThreadChange | null>(null);
	/** Whether the page may be behind, for the status line. */
	status = $state<LiveStatus>('connecting');
	readonly #resource: LiveResource<PostChange>;
	// Bookkeeping only; what the page shows is `newElsewhere`.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#elsewhere = new Set<number>();

	constructor(
		readonly threadId: number,
		initial: PostItem[],
		readonly me: string,
		/** Whether this page shows the end of the thread. */
		readonly atEnd: boolean,
		/** Moderators see withheld posts: a withheld marker makes them fetch their own view instead of dropping the post. */
		readonly moderator = false
	) {
		this.posts = initial;
		this.#resource = threadResource(threadId, {
			initial,
			apply: (c, from) => (from === 'live' ? this.#applyBroadcast(c) : this.#applyOwn(c)),
			// A reconnect that succeeds within a second is not worth a word.
			statusDelayMs: 1_000,
			onStatus: (s) => (this.status = s)
		});
	}

	/** Connects; returns the function that disconnects (for onMount). */
	start(): () => void {
		const socket = liveSocket();
		const onThread = (t: ThreadChange) => {
			if (t.threadId === this.threadId) this.state = t;
		};
		const onPresence = (p: ThreadPresence) => {
			if (p.threadId === this.threadId) this.readers = p.readers;
		};
		socket.on('thread:presence', onPresence);
		socket.on('thread:changed', onThread);
		const leave = followThread(socket, this.threadId, this.#resource, { me: this.me, moderator: this.moderator });
		return () => {
			socket.off('thread:presence', onPresence);
			socket.off('thread:changed', onThread);
			leave();
		};
	}

	#applyBroadcast(c: PostChange): void {
		const at = this.posts.findIndex((p) => p.id === c.id);
		if (c.withheld) {
			if (at >= 0) this.posts.splice(at, 1);
			return;
		}
		const { withheld: _w, ...view } = c;
		void _w;
		if (at >= 0) {
			const before = this.posts[at]!;
			// The broadcast does not know which reactions are mine; keep what this page knew.
			const reactions = view.reactions.map((r) => ({ ...r, mine: view.author.id === this.me ? r.mine : (before.reactions.find((x) => x.kind === r.kind)?.mine ?? false) }));
			this.posts[at] = { ...view, reactions };
		} else this.#place(view);
	}

	/** A change fetched as oneself is authoritative for this reader, own flags included. */
	#applyOwn(c: PostChange): void {
		const at = this.posts.findIndex((p) => p.id === c.id);
		if (c.withheld) {
			if (at >= 0) this.posts.splice(at, 1);
			return;
		}
		const { withheld: _w, ...view } = c;
		void _w;
		if (at >= 0) this.posts[at] = view;
		else this.#place(view);
	}

	/** A post this page does not show yet: in place if it belongs here, else counted as news further on. */
	#place(view: PostItem): void {
		const first = this.posts[0];
		const last = this.posts.at(-1);
		if (this.atEnd || (first && last && view.id > first.id && view.id < last.id)) {
			// A new reply at the end, or one that comes back (approved, restored) where it belongs.
			const next = this.posts.findIndex((p) => p.id > view.id);
			if (next < 0) this.posts.push(view);
			else this.posts.splice(next, 0, view);
		} else if (last && view.id > last.id && !this.#elsewhere.has(view.id)) {
			this.#elsewhere.add(view.id);
			this.newElsewhere += 1;
		}
	}
}
