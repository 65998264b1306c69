// The job kinds of public.jobs (supabase/migrations/20261122004000_jobs.sql): each is a pg-boss
// queue of the same name; exhausted jobs of every kind land in one dead letter queue.
export const JOB_KINDS = ['ocr_id_document', 'ocr_receipt', 'ocr_menu', 'forecast', 'no_show_risk'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const DEAD_LETTER_QUEUE = 'jobs_dead_letter';
