-- GIN's fast update collects new entries in a pending list and merges it into the index once it
-- passes gin_pending_list_limit (4 MB): the post that crosses the limit pays for the whole merge,
-- which at a million posts stalled one reply in a few hundred for over a second, and its live
-- delivery with it. Without the pending list each post adds its own entries as it is written.
-- (Changed in place, not rebuilt: a rebuild would block posting for as long as it took.)
ALTER INDEX "posts_search_idx" SET (fastupdate = off);--> statement-breakpoint
-- What is pending now is merged once, here, rather than by some later post.
SELECT gin_clean_pending_list('posts_search_idx'::regclass);
