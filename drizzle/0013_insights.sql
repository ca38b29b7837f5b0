CREATE TYPE "public"."policy_action_status" AS ENUM('planned', 'in_progress', 'done', 'dropped');--> statement-breakpoint
CREATE TYPE "public"."evidence_kind" AS ENUM('session_note', 'survey_result', 'post_excerpt');--> statement-breakpoint
CREATE TYPE "public"."insight_event" AS ENUM('created', 'edited', 'submitted', 'under_review', 'accepted', 'declined', 'merged', 'merged_into', 'evidence_added', 'evidence_removed');--> statement-breakpoint
CREATE TYPE "public"."insight_status" AS ENUM('draft', 'new', 'under_review', 'accepted', 'declined', 'merged');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'insight_decided';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'action_overdue';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'outcome_published';--> statement-breakpoint
CREATE TABLE "insight_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"insight_id" integer NOT NULL,
	"kind" "insight_event" NOT NULL,
	"actor_id" uuid,
	"reason" text,
	"other_insight_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insight_evidence" (
	"id" serial PRIMARY KEY NOT NULL,
	"insight_id" integer NOT NULL,
	"kind" "evidence_kind" NOT NULL,
	"note_entry_id" bigint,
	"survey_evidence_id" integer,
	"excerpt_id" integer,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insight_theme_links" (
	"insight_id" integer NOT NULL,
	"theme_id" integer NOT NULL,
	CONSTRAINT "insight_theme_links_insight_id_theme_id_pk" PRIMARY KEY("insight_id","theme_id")
);
--> statement-breakpoint
CREATE TABLE "insight_themes" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"name_nl" text NOT NULL,
	"name_en" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	CONSTRAINT "insight_themes_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "insights" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"status" "insight_status" DEFAULT 'draft' NOT NULL,
	"decline_reason" text,
	"merged_into" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outcomes" (
	"id" serial PRIMARY KEY NOT NULL,
	"action_id" integer,
	"insight_id" integer,
	"title_nl" text NOT NULL,
	"title_en" text NOT NULL,
	"heard_nl" text NOT NULL,
	"heard_en" text NOT NULL,
	"did_nl" text NOT NULL,
	"did_en" text NOT NULL,
	"thread_id" bigint,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	CONSTRAINT "outcomes_one_source" CHECK (("outcomes"."action_id" is null) <> ("outcomes"."insight_id" is null))
);
--> statement-breakpoint
CREATE TABLE "policy_action_insights" (
	"action_id" integer NOT NULL,
	"insight_id" integer NOT NULL,
	CONSTRAINT "policy_action_insights_action_id_insight_id_pk" PRIMARY KEY("action_id","insight_id")
);
--> statement-breakpoint
CREATE TABLE "policy_actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"owner_id" uuid,
	"due_date" date,
	"status" "policy_action_status" DEFAULT 'planned' NOT NULL,
	"drop_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	"overdue_notified_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "post_excerpts" (
	"id" serial PRIMARY KEY NOT NULL,
	"post_id" bigint,
	"thread_id" bigint,
	"excerpt" text NOT NULL,
	"captured_by" uuid,
	"captured_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "insight_events" ADD CONSTRAINT "insight_events_insight_id_insights_id_fk" FOREIGN KEY ("insight_id") REFERENCES "public"."insights"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_events" ADD CONSTRAINT "insight_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_evidence" ADD CONSTRAINT "insight_evidence_insight_id_insights_id_fk" FOREIGN KEY ("insight_id") REFERENCES "public"."insights"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_evidence" ADD CONSTRAINT "insight_evidence_note_entry_id_meeting_note_entries_id_fk" FOREIGN KEY ("note_entry_id") REFERENCES "public"."meeting_note_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_evidence" ADD CONSTRAINT "insight_evidence_survey_evidence_id_survey_evidence_id_fk" FOREIGN KEY ("survey_evidence_id") REFERENCES "public"."survey_evidence"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_evidence" ADD CONSTRAINT "insight_evidence_excerpt_id_post_excerpts_id_fk" FOREIGN KEY ("excerpt_id") REFERENCES "public"."post_excerpts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_evidence" ADD CONSTRAINT "insight_evidence_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_theme_links" ADD CONSTRAINT "insight_theme_links_insight_id_insights_id_fk" FOREIGN KEY ("insight_id") REFERENCES "public"."insights"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_theme_links" ADD CONSTRAINT "insight_theme_links_theme_id_insight_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."insight_themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insights" ADD CONSTRAINT "insights_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_action_id_policy_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."policy_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_insight_id_insights_id_fk" FOREIGN KEY ("insight_id") REFERENCES "public"."insights"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_action_insights" ADD CONSTRAINT "policy_action_insights_action_id_policy_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."policy_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_action_insights" ADD CONSTRAINT "policy_action_insights_insight_id_insights_id_fk" FOREIGN KEY ("insight_id") REFERENCES "public"."insights"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_actions" ADD CONSTRAINT "policy_actions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_actions" ADD CONSTRAINT "policy_actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_excerpts" ADD CONSTRAINT "post_excerpts_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_excerpts" ADD CONSTRAINT "post_excerpts_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_excerpts" ADD CONSTRAINT "post_excerpts_captured_by_users_id_fk" FOREIGN KEY ("captured_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "insight_events_insight_idx" ON "insight_events" USING btree ("insight_id","id");--> statement-breakpoint
CREATE INDEX "insight_events_kind_idx" ON "insight_events" USING btree ("kind","at");--> statement-breakpoint
CREATE INDEX "insight_evidence_insight_idx" ON "insight_evidence" USING btree ("insight_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "insight_evidence_note_idx" ON "insight_evidence" USING btree ("insight_id","note_entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "insight_evidence_survey_idx" ON "insight_evidence" USING btree ("insight_id","survey_evidence_id");--> statement-breakpoint
CREATE UNIQUE INDEX "insight_evidence_excerpt_idx" ON "insight_evidence" USING btree ("insight_id","excerpt_id");--> statement-breakpoint
CREATE INDEX "insight_evidence_note_source_idx" ON "insight_evidence" USING btree ("note_entry_id");--> statement-breakpoint
CREATE INDEX "insight_evidence_survey_source_idx" ON "insight_evidence" USING btree ("survey_evidence_id");--> statement-breakpoint
CREATE INDEX "insight_evidence_excerpt_source_idx" ON "insight_evidence" USING btree ("excerpt_id");--> statement-breakpoint
CREATE INDEX "insight_theme_links_theme_idx" ON "insight_theme_links" USING btree ("theme_id");--> statement-breakpoint
CREATE INDEX "insight_themes_position_idx" ON "insight_themes" USING btree ("position","id");--> statement-breakpoint
CREATE INDEX "insights_status_idx" ON "insights" USING btree ("status","updated_at","id");--> statement-breakpoint
CREATE INDEX "insights_updated_idx" ON "insights" USING btree ("updated_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "outcomes_action_idx" ON "outcomes" USING btree ("action_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outcomes_insight_idx" ON "outcomes" USING btree ("insight_id");--> statement-breakpoint
CREATE INDEX "outcomes_published_idx" ON "outcomes" USING btree ("published_at","id");--> statement-breakpoint
CREATE INDEX "policy_action_insights_insight_idx" ON "policy_action_insights" USING btree ("insight_id");--> statement-breakpoint
CREATE INDEX "policy_actions_status_idx" ON "policy_actions" USING btree ("status","due_date","id");--> statement-breakpoint
CREATE INDEX "policy_actions_owner_idx" ON "policy_actions" USING btree ("owner_id","id");--> statement-breakpoint
CREATE INDEX "post_excerpts_captured_idx" ON "post_excerpts" USING btree ("captured_at","id");--> statement-breakpoint
CREATE INDEX "post_excerpts_post_idx" ON "post_excerpts" USING btree ("post_id");--> statement-breakpoint
INSERT INTO "insight_themes" ("key", "name_nl", "name_en", "position") VALUES
	('work', 'Werk en ondernemen', 'Work and business', 1),
	('finances', 'Toelagen en financiën', 'Allowances and finances', 2),
	('children', 'Kinderen en onderwijs', 'Children and schooling', 3),
	('wellbeing', 'Gezondheid en welzijn', 'Health and wellbeing', 4),
	('safety', 'Veiligheid', 'Safety', 5),
	('preparation', 'Voorbereiding op een plaatsing', 'Preparing for a posting', 6),
	('return', 'Terugkeer naar Nederland', 'Returning to the Netherlands', 7),
	('information', 'Informatie en communicatie', 'Information and communication', 8)
ON CONFLICT ("key") DO NOTHING;
