CREATE TABLE "post_submissions" (
	"author_id" uuid NOT NULL,
	"key" uuid NOT NULL,
	"post_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "post_submissions_author_id_key_pk" PRIMARY KEY("author_id","key")
);
--> statement-breakpoint
ALTER TABLE "post_submissions" ADD CONSTRAINT "post_submissions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "post_submissions_created_idx" ON "post_submissions" USING btree ("created_at");