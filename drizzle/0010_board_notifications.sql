ALTER TYPE "public"."notification_kind" ADD VALUE 'board_invited';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'board_invitation_answered';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'board_term_ending';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'board_term_ended';