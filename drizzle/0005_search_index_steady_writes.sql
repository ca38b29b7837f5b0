-- GIN's fast update collects new entries in a pending list and merges it into the index when
-- it passes gin_pending_list_limit (4 MB): the insert that crosses the limit pays for the whole
-- merge, which on a million posts took over a second. One reply in a few hundred stalled so,
-- and its live delivery with it. Without the pending list each post adds its own entries as it
-- is written: a little more work per post, and no stalls.
ALTER INDEX posts_search_idx SET (fastupdate = off);
--> statement-breakpoint
-- What is pending now is merged once, here, rather than by some later post.
SELECT gin_clean_pending_list('posts_search_idx'::regclass);
