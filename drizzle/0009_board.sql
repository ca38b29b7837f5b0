CREATE TYPE "public"."board_status" AS ENUM('volunteer', 'candidate', 'invited', 'active', 'alumni', 'declined', 'withdrawn');--> statement-breakpoint
CREATE TABLE "board_consents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"action" text NOT NULL,
	"text_version" integer NOT NULL,
	"text" text NOT NULL,
	"language" "language" NOT NULL,
	"method" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "board_dimensions" (
	"key" text PRIMARY KEY NOT NULL,
	"label_nl" text NOT NULL,
	"label_en" text NOT NULL,
	"options" jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "board_membership_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"membership_id" integer NOT NULL,
	"actor_id" uuid,
	"from_status" "board_status",
	"to_status" "board_status" NOT NULL,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "board_memberships" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"status" "board_status" DEFAULT 'volunteer' NOT NULL,
	"motivation" text DEFAULT '' NOT NULL,
	"availability" text DEFAULT '' NOT NULL,
	"term_start" date,
	"term_end" date,
	"selection_id" integer,
	"ending_notice_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "board_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sensitive_sealed" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "board_selections" (
	"id" serial PRIMARY KEY NOT NULL,
	"seats" integer NOT NULL,
	"keep" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"quotas" jsonb NOT NULL,
	"seed" text NOT NULL,
	"pool_sealed" text NOT NULL,
	"probabilities" jsonb NOT NULL,
	"selected" jsonb NOT NULL,
	"alternates" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"invited_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "board_targets" (
	"id" serial PRIMARY KEY NOT NULL,
	"dimension" text NOT NULL,
	"option" text NOT NULL,
	"min_share" integer,
	"max_share" integer,
	"set_by" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "board_consents" ADD CONSTRAINT "board_consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_dimensions" ADD CONSTRAINT "board_dimensions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_membership_events" ADD CONSTRAINT "board_membership_events_membership_id_board_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."board_memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_membership_events" ADD CONSTRAINT "board_membership_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_memberships" ADD CONSTRAINT "board_memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_profiles" ADD CONSTRAINT "board_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_selections" ADD CONSTRAINT "board_selections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_targets" ADD CONSTRAINT "board_targets_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "board_consents_user_idx" ON "board_consents" USING btree ("user_id","dimension","id");--> statement-breakpoint
CREATE INDEX "board_membership_events_membership_idx" ON "board_membership_events" USING btree ("membership_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "board_memberships_open_idx" ON "board_memberships" USING btree ("user_id") WHERE "board_memberships"."status" in ('volunteer', 'candidate', 'invited', 'active');--> statement-breakpoint
CREATE INDEX "board_memberships_user_idx" ON "board_memberships" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "board_memberships_status_idx" ON "board_memberships" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "board_memberships_term_end_idx" ON "board_memberships" USING btree ("term_end") WHERE "board_memberships"."status" = 'active';--> statement-breakpoint
CREATE INDEX "board_selections_created_idx" ON "board_selections" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "board_targets_current_idx" ON "board_targets" USING btree ("dimension","option","id");