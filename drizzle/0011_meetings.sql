CREATE TYPE "public"."attendance_source" AS ENUM('presence', 'coordinator');--> statement-breakpoint
CREATE TYPE "public"."invitee_kind" AS ENUM('board', 'guest');--> statement-breakpoint
CREATE TYPE "public"."meeting_status" AS ENUM('scheduled', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."note_kind" AS ENUM('point', 'quote', 'decision', 'follow_up');--> statement-breakpoint
CREATE TYPE "public"."note_state" AS ENUM('proposed', 'accepted', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."notes_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TYPE "public"."rsvp" AS ENUM('yes', 'no', 'maybe');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'meeting_invited';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'meeting_changed';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'meeting_cancelled';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'meeting_notes_published';--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "meeting_agenda_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"position" smallint NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"minutes" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_invitees" (
	"meeting_id" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "invitee_kind" DEFAULT 'board' NOT NULL,
	"rsvp" "rsvp",
	"rsvp_note" text DEFAULT '' NOT NULL,
	"rsvp_at" timestamp with time zone,
	"attended" boolean,
	"attendance_source" "attendance_source",
	"reminded_day_at" timestamp with time zone,
	"reminded_hour_at" timestamp with time zone,
	CONSTRAINT "meeting_invitees_meeting_id_user_id_pk" PRIMARY KEY("meeting_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_note_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"kind" "note_kind" NOT NULL,
	"body" text NOT NULL,
	"owner" text,
	"due_date" date,
	"done_at" timestamp with time zone,
	"state" "note_state" DEFAULT 'accepted' NOT NULL,
	"author_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"highlighted_at" timestamp with time zone,
	"highlighted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_note_revisions" (
	"meeting_id" integer NOT NULL,
	"revision" integer NOT NULL,
	"content" jsonb NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_note_revisions_meeting_id_revision_pk" PRIMARY KEY("meeting_id","revision")
);
--> statement-breakpoint
CREATE TABLE "meeting_poll_answers" (
	"poll_id" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"option" smallint NOT NULL,
	CONSTRAINT "meeting_poll_answers_poll_id_user_id_pk" PRIMARY KEY("poll_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_polls" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"question" text NOT NULL,
	"options" jsonb NOT NULL,
	"closed_at" timestamp with time zone,
	"seq" bigint DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_question_votes" (
	"question_id" bigint NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "meeting_question_votes_question_id_user_id_pk" PRIMARY KEY("question_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_questions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"votes" integer DEFAULT 0 NOT NULL,
	"answered_at" timestamp with time zone,
	"seq" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"uid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"meeting_link" text DEFAULT '' NOT NULL,
	"status" "meeting_status" DEFAULT 'scheduled' NOT NULL,
	"cancel_reason" text,
	"sequence" integer DEFAULT 0 NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"current_item_id" integer,
	"current_item_since" timestamp with time zone,
	"notes_status" "notes_status" DEFAULT 'draft' NOT NULL,
	"notes_revision" integer DEFAULT 0 NOT NULL,
	"summary_thread_id" bigint,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_uid_unique" UNIQUE("uid")
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invitees" ADD CONSTRAINT "meeting_invitees_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invitees" ADD CONSTRAINT "meeting_invitees_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_note_entries" ADD CONSTRAINT "meeting_note_entries_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_note_entries" ADD CONSTRAINT "meeting_note_entries_item_id_meeting_agenda_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."meeting_agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_note_entries" ADD CONSTRAINT "meeting_note_entries_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_note_entries" ADD CONSTRAINT "meeting_note_entries_highlighted_by_users_id_fk" FOREIGN KEY ("highlighted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_note_revisions" ADD CONSTRAINT "meeting_note_revisions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_note_revisions" ADD CONSTRAINT "meeting_note_revisions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_poll_answers" ADD CONSTRAINT "meeting_poll_answers_poll_id_meeting_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."meeting_polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_poll_answers" ADD CONSTRAINT "meeting_poll_answers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_polls" ADD CONSTRAINT "meeting_polls_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_polls" ADD CONSTRAINT "meeting_polls_item_id_meeting_agenda_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."meeting_agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_polls" ADD CONSTRAINT "meeting_polls_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_question_votes" ADD CONSTRAINT "meeting_question_votes_question_id_meeting_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."meeting_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_question_votes" ADD CONSTRAINT "meeting_question_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_questions" ADD CONSTRAINT "meeting_questions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_questions" ADD CONSTRAINT "meeting_questions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_summary_thread_id_threads_id_fk" FOREIGN KEY ("summary_thread_id") REFERENCES "public"."threads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_agenda_items_position_idx" ON "meeting_agenda_items" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "meeting_invitees_user_idx" ON "meeting_invitees" USING btree ("user_id","meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_note_entries_meeting_idx" ON "meeting_note_entries" USING btree ("meeting_id","item_id","id");--> statement-breakpoint
CREATE INDEX "meeting_note_entries_highlight_idx" ON "meeting_note_entries" USING btree ("highlighted_at") WHERE "meeting_note_entries"."highlighted_at" is not null;--> statement-breakpoint
CREATE INDEX "meeting_note_entries_follow_up_idx" ON "meeting_note_entries" USING btree ("due_date") WHERE "meeting_note_entries"."kind" = 'follow_up' and "meeting_note_entries"."done_at" is null;--> statement-breakpoint
CREATE INDEX "meeting_polls_meeting_idx" ON "meeting_polls" USING btree ("meeting_id","id");--> statement-breakpoint
CREATE INDEX "meeting_questions_meeting_idx" ON "meeting_questions" USING btree ("meeting_id","id");--> statement-breakpoint
CREATE INDEX "meetings_start_idx" ON "meetings" USING btree ("start_at","id");--> statement-breakpoint
CREATE INDEX "meetings_scheduled_start_idx" ON "meetings" USING btree ("start_at") WHERE "meetings"."status" = 'scheduled';