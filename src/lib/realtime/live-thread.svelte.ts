import type { PostChange, PostView } from '../server/discussion/posts';
import type { ThreadChange } from './events';
import { follow, liveSocket } from './client';

type Item = PostView | (Omit<PostView, 'createdAt' | 'editedAt'> & { createdAt: string | Date; editedAt: string | Date | null });

/**
 * The live side of an open thread page. Starts from the posts the server
 * rendered; applies broadcast changes by id and seq (an older or repeated
 * change is ignored, so nothing is applied twice); after a reconnect that
 * Socket.IO could not recover, fetches exactly what changed since the last
 * seq it applied. New replies are appended only when the reader is on the
 * last page; otherwise they are counted.
 */
export class LiveThread {
	posts = $state<Item[]>([]);
	readers = $state<{ id: string; name: string }[]>([]);
	/** Replies that arrived while the reader is not on the last page. */
	newElsewhere = $state(0);
	/** The thread's own state as last announced (locked, slow mode, still visible…), or null before any change. */
	state = $state<ThreadChange | null>(null);
	#lastSeq = 0;
	#catchingUp: Promise<void> | null = null;
	// Bookkeeping only; what the page shows is `newElsewhere`.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#elsewhere = new Set<number>();

	constructor(
		readonly threadId: number,
		initial: Item[],
		readonly me: string,
		/** Whether this page shows the end of the thread. */
		readonly atEnd: boolean,
		/** Moderators see withheld posts: a withheld marker makes them fetch their own view instead of dropping the post. */
		readonly moderator = false
	) {
		this.posts = initial;
		this.#lastSeq = initial.reduce((max, p) => Math.max(max, p.seq), 0);
	}

	/** Connects; returns the function that disconnects (for onMount). */
	start(sinceSeq?: number): () => void {
		if (sinceSeq !== undefined) this.#lastSeq = Math.max(this.#lastSeq, sinceSeq);
		const socket = liveSocket();
		const onChange = (c: PostChange) => {
			if (c.threadId !== this.threadId) return;
			// One's own posts carry rights and states the broadcast leaves out: fetch them as oneself.
			if ((!c.withheld && c.author.id === this.me) || (c.withheld && this.moderator)) void this.catchUp();
			else this.apply(c);
		};
		const onThread = (t: ThreadChange) => {
			if (t.threadId === this.threadId) this.state = t;
		};
		const onStale = (p: { threadId: number }) => {
			if (p.threadId === this.threadId) void this.catchUp();
		};
		const onPresence = (p: { threadId: number; readers: { id: string; name: string }[] }) => {
			if (p.threadId === this.threadId) this.readers = p.readers;
		};
		const onConnect = () => {
			if (!socket.recovered) void this.catchUp();
		};
		socket.on('post:changed', onChange);
		socket.on('thread:stale', onStale);
		socket.on('thread:presence', onPresence);
		socket.on('thread:changed', onThread);
		socket.on('connect', onConnect);
		const leave = follow(`thread:${this.threadId}`);
		return () => {
			socket.off('post:changed', onChange);
			socket.off('thread:stale', onStale);
			socket.off('thread:presence', onPresence);
			socket.off('thread:changed', onThread);
			socket.off('connect', onConnect);
			leave();
		};
	}

	apply(c: PostChange): void {
		this.#lastSeq = Math.max(this.#lastSeq, c.seq);
		const at = this.posts.findIndex((p) => p.id === c.id);
		if (c.withheld) {
			if (at >= 0) this.posts.splice(at, 1);
			return;
		}
		const { withheld: _w, ...view } = c;
		void _w;
		if (at >= 0) {
			if (this.posts[at]!.seq >= view.seq) return;
			const before = this.posts[at]!;
			// The broadcast does not know which reactions are mine; keep what this page knew.
			const reactions = view.reactions.map((r) => ({ ...r, mine: view.author.id === this.me ? r.mine : (before.reactions.find((x) => x.kind === r.kind)?.mine ?? false) }));
			this.posts[at] = { ...view, reactions };
		} else if (this.atEnd || (this.posts.length > 0 && view.id < this.posts.at(-1)!.id && view.id > this.posts[0]!.id)) {
			// A new reply at the end, or one that comes back (approved, restored) where it belongs.
			this.insertInOrder(view);
		} else if (!this.#elsewhere.has(view.id)) {
			this.#elsewhere.add(view.id);
			this.newElsewhere += 1;
		}
	}

	/** Fetch everything after the last applied seq, page by page, one fetch at a time. */
	catchUp(): Promise<void> {
		this.#catchingUp ??= (async () => {
			try {
				for (;;) {
					const res = await fetch(`/api/threads/${this.threadId}/changes?since=${this.#lastSeq}`, { headers: { accept: 'application/json' } });
					if (!res.ok) return;
					const changes = (await res.json()) as PostChange[];
					for (const c of changes) this.applyOwn(c);
					if (changes.length < 200) return;
				}
			} finally {
				this.#catchingUp = null;
			}
		})();
		return this.#catchingUp;
	}

	/** A change fetched as oneself is authoritative for this reader, own flags included. */
	private applyOwn(c: PostChange): void {
		const at = this.posts.findIndex((p) => p.id === c.id);
		this.#lastSeq = Math.max(this.#lastSeq, c.seq);
		if (c.withheld) {
			if (at >= 0) this.posts.splice(at, 1);
			return;
		}
		const { withheld: _w, ...view } = c;
		void _w;
		if (at >= 0) this.posts[at] = view;
		else if (this.atEnd || (this.posts.length > 0 && view.id < this.posts.at(-1)!.id && view.id > this.posts[0]!.id)) this.insertInOrder(view);
		else if (!this.#elsewhere.has(view.id)) {
			this.#elsewhere.add(view.id);
			this.newElsewhere += 1;
		}
	}

	private insertInOrder(view: Item): void {
		const next = this.posts.findIndex((p) => p.id > view.id);
		if (next < 0) this.posts.push(view);
		else this.posts.splice(next, 0, view);
	}
}
