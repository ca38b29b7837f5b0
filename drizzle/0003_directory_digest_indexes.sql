CREATE INDEX "users_name_idx" ON "users" USING btree (lower("display_name"),"id");--> statement-breakpoint
CREATE INDEX "profiles_digest_idx" ON "profiles" USING btree ("last_digest_at") WHERE "profiles"."email_digest";--> statement-breakpoint
CREATE INDEX "posts_author_withheld_idx" ON "posts" USING btree ("author_id","id") WHERE "posts"."status" in ('held', 'hidden', 'removed');