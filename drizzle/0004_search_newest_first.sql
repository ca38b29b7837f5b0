-- Search ranks the newest matches (see SEARCH_CANDIDATES in src/lib/server/discussion/search.ts).
-- A GIN index answers in no particular order, so finding the newest matches of a common word
-- reads every match. Where the RUM extension is available (Debian: postgresql-15-rum), a RUM
-- index with the post id attached hands the matches over newest first, and search stops after
-- the ones it ranks. Without RUM (PGlite, or no right to create extensions), nothing changes:
-- search keeps using the GIN index, with the same results.
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'rum') THEN
		RAISE NOTICE 'rum is not available: search uses the GIN index';
		RETURN;
	END IF;
	BEGIN
		CREATE EXTENSION IF NOT EXISTS rum;
	EXCEPTION WHEN insufficient_privilege THEN
		RAISE NOTICE 'rum could not be created (%): search uses the GIN index', SQLERRM;
		RETURN;
	END;
	CREATE INDEX IF NOT EXISTS posts_search_newest_idx ON posts USING rum (search rum_tsvector_addon_ops, id) WITH (attach = 'id', to = 'search');
END
$$;
